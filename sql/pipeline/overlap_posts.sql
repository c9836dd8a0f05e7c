-- How many earlier loaded files describe some of the same posts as a new file.
SELECT uniqExact(source_file)
FROM post_metrics_store
WHERE org = {org:String}
  AND has({platforms:Array(String)}, platform)
  AND has({post_ids:Array(String)}, post_id)
  AND source_file != {sha256:String}
  AND (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
