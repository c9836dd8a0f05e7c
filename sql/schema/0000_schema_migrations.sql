-- The record of applied migrations. Applied before every other file, on every open.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version UInt32,
    name String,
    applied_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY version
