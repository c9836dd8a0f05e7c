-- Daily series as loaded, append-only. Every row names the file it came from; the version
-- orders overlapping exports (the export covering the later period wins, then the later load).
-- dimension is '' for the account's total; a non-empty dimension (a GA4 channel group, a
-- YouTube video) breaks that total down, so totals are always read with dimension = ''.
CREATE TABLE IF NOT EXISTS metrics_daily_store (
    org String,
    platform String,
    account String,
    date Date,
    metric String,
    dimension String,
    value Float64,
    source_file String,
    source_row UInt32,
    version UInt64,
    ingested_at DateTime('UTC')
) ENGINE = MergeTree() PARTITION BY toYYYYMM(date) ORDER BY (org, platform, account, metric, dimension, date)
