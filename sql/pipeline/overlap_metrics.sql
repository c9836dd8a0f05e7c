-- How many earlier loaded files hold daily values for the same series and days as a file
-- just written: the new file's values replace theirs where it covers the later period.
-- GLOBAL IN: on a cluster both tables are Distributed, and plain IN over two of them is
-- refused (docs/cluster.md); on one server it is IN.
SELECT uniqExact(source_file)
FROM metrics_daily_store
WHERE org = {org:String}
  AND source_file != {sha256:String}
  AND (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
  AND (platform, account, metric, dimension, date) GLOBAL IN
  (
      SELECT platform, account, metric, dimension, date
      FROM metrics_daily_store
      WHERE org = {org:String} AND source_file = {sha256:String}
  )
