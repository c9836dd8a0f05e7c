-- metrics_daily: one value per org, platform, account, date, metric and dimension, from files
-- that loaded completely; where exports overlap, the newest export's value. Plain SUM() over
-- this view is right after any sequence of ingests.
CREATE VIEW IF NOT EXISTS metrics_daily AS
SELECT
    org,
    platform,
    account,
    date,
    metric,
    dimension,
    argMax(value, version) AS value,
    argMax(source_file, version) AS source_file,
    argMax(ingested_at, version) AS ingested_at
FROM
(
    SELECT *
    FROM metrics_daily_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, date, metric, dimension
