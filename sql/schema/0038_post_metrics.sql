-- post_metrics: each post's lifetime metrics from the newest snapshot.
--
-- column org (String): the organisation
-- column platform (String): the platform of the post
-- column account (String): the account of the post
-- column post_id (String): the post (join to posts on org, platform, account, post_id)
-- column metric (String): reach, impressions, reactions, comments, shares, engagements, link_clicks, views...
-- column value (Float64): the lifetime value as of the newest export
-- column source_file (String): sha256 of that export
-- column ingested_at (DateTime('UTC')): when that export was loaded (UTC)
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
    -- One row per metric again: ARRAY JOIN pairs the arrays' elements.
    SELECT org, platform, account, post_id, metric, value, source_file, version, ingested_at
    FROM post_metric_sets_store
    ARRAY JOIN metric, value
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
    UNION ALL
    -- Snapshots loaded before 0036, one row per metric.
    SELECT org, platform, account, post_id, metric, value, source_file, version, ingested_at
    FROM post_metrics_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, post_id, metric
