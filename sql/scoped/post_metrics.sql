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
    SELECT *
    FROM post_metrics_store
    WHERE org = {org:String}
      AND (org, source_file) GLOBAL IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, post_id, metric
