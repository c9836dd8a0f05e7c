-- Lifetime metrics of posts as loaded, append-only: one snapshot per export.
CREATE TABLE IF NOT EXISTS post_metrics_store (
    org String,
    platform String,
    account String,
    post_id String,
    metric String,
    value Float64,
    source_file String,
    source_row UInt32,
    version UInt64,
    ingested_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, platform, account, post_id, metric)
