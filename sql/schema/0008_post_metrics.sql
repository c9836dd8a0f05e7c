-- post_metrics: each post's lifetime metrics from the newest snapshot.
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
