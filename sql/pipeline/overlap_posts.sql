-- How many earlier loaded files describe some of the same posts as a file just written.
-- GLOBAL IN: on a cluster both tables are Distributed, and plain IN over two of them is
-- refused (docs/cluster.md); on one server it is IN.
SELECT uniqExact(source_file)
FROM post_metrics_store
WHERE org = {org:String}
  AND source_file != {sha256:String}
  AND (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
  AND (platform, account, post_id) GLOBAL IN
  (
      SELECT platform, account, post_id
      FROM post_metrics_store
      WHERE org = {org:String} AND source_file = {sha256:String}
  )
