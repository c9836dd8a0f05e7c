-- Lifetime metrics of posts as loaded, append-only, one row per post and export: the
-- metrics' names and values side by side in two arrays of equal length. post_metrics_store
-- (0007) held one row per metric, ten rows per post of a Meta export, and sorting and
-- merging them was most of an ingest (docs/performance.md, step 14); the ingest now writes
-- here, and post_metrics (0038) reads both tables.
CREATE TABLE IF NOT EXISTS post_metric_sets_store (
    org String,
    platform String,
    account String,
    post_id String,
    metric Array(String),
    value Array(Float64),
    source_file String,
    source_row UInt32,
    version UInt64,
    ingested_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, platform, account, post_id)
