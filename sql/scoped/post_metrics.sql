-- post_metrics for one organisation, {org:String}: the view's rows for that organisation,
-- with the filter on org inside, before the GROUP BY that keeps the newest snapshot (see
-- scoped.go). ingested_files below is itself read scoped.
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
    -- One row per metric again: ARRAY JOIN pairs the arrays' elements.
    SELECT org, platform, account, post_id, metric, value, source_file, version, ingested_at
    FROM post_metric_sets_store
    ARRAY JOIN metric, value
    WHERE org = {org:String}
      AND (org, source_file) GLOBAL IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
    UNION ALL
    -- Snapshots loaded before 0036, one row per metric.
    SELECT org, platform, account, post_id, metric, value, source_file, version, ingested_at
    FROM post_metrics_store
    WHERE org = {org:String}
      AND (org, source_file) GLOBAL IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, post_id, metric
