-- How many files of the organisation other than this one are loaded: when none is, nothing
-- can overlap the file just written, and the overlap queries (which gather every key of that
-- file, a second or more for a million posts) are not run.
SELECT count()
FROM ingested_files
WHERE org = {org:String} AND status = 'loaded' AND sha256 != {sha256:String}
