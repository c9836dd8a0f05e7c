-- The file ledger, append-only: one row per state change of a file (loading, loaded,
-- rejected, removed). The newest row (highest version) is the file's state.
CREATE TABLE IF NOT EXISTS ingested_files_log (
    org String,
    sha256 String,
    name String,
    connector String,
    status String,
    rows UInt64,
    skipped UInt64,
    date_min Date,
    date_max Date,
    error String,
    version UInt64,
    at DateTime('UTC')
) ENGINE = ReplacingMergeTree(version) ORDER BY (org, sha256)
