-- How many earlier loaded files describe some of the same posts as a file just written
-- (to post_metric_sets_store; earlier files may be in post_metrics_store, which the ingest
-- wrote before migration 0036).
-- GLOBAL IN: on a cluster the tables are Distributed, and plain IN over two of them is
-- refused (docs/cluster.md); on one server it is IN.
SELECT uniqExact(source_file)
FROM
(
    SELECT org, source_file, platform, account, post_id
    FROM post_metric_sets_store
    WHERE org = {org:String} AND source_file != {sha256:String}
    UNION ALL
    SELECT org, source_file, platform, account, post_id
    FROM post_metrics_store
    WHERE org = {org:String} AND source_file != {sha256:String}
)
WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
  AND (platform, account, post_id) GLOBAL IN
  (
      SELECT platform, account, post_id
      FROM post_metric_sets_store
      WHERE org = {org:String} AND source_file = {sha256:String}
  )
