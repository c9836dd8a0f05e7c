-- How many earlier loaded files describe some of the same posts as a file just written.
SELECT uniqExact(source_file)
FROM post_metrics_store
WHERE org = {org:String}
  AND source_file != {sha256:String}
  AND (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
  AND (platform, account, post_id) IN
  (
      SELECT platform, account, post_id
      FROM post_metrics_store
      WHERE org = {org:String} AND source_file = {sha256:String}
  )
