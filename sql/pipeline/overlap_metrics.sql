-- How many earlier loaded files hold daily values for the same sources and dates as a new
-- file: their values are replaced where the new file covers a later period.
SELECT uniqExact(source_file)
FROM metrics_daily_store
WHERE org = {org:String}
  AND has({platforms:Array(String)}, platform)
  AND date >= {date_min:Date}
  AND date <= {date_max:Date}
  AND source_file != {sha256:String}
  AND (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
