-- Published items as loaded, append-only.
CREATE TABLE IF NOT EXISTS posts_store (
    org String,
    platform String,
    account String,
    post_id String,
    published_at DateTime('UTC'),
    type String,
    title String,
    permalink String,
    source_file String,
    source_row UInt32,
    version UInt64,
    ingested_at DateTime('UTC')
) ENGINE = MergeTree() PARTITION BY toYYYYMM(published_at) ORDER BY (org, platform, account, post_id)
