-- post_metrics, first version: replaced by 0038_post_metrics.sql, which also reads
-- post_metric_sets_store. Kept as it was so that existing warehouses migrate in order.
CREATE VIEW IF NOT EXISTS post_metrics AS
SELECT
    org,
    platform,
    account,
    post_id,
    metric,
    argMax(value, version) AS value,
    argMax(source_file, version) AS source_file,
    argMax(ingested_at, version) AS ingested_at
FROM
(
    SELECT *
    FROM post_metrics_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, post_id, metric
