-- ingested_files: the ledger as analysts read it, one row per file with its current state.
--
-- column org (String): the organisation the file was ingested for
-- column sha256 (String): SHA-256 of the file's bytes: the file's identity, whatever its name
-- column name (String): the file's name when it was last ingested
-- column connector (String): the connector that read it, e.g. meta-posts, ga4 (goalpost connectors lists them)
-- column status (String): loading, loaded, rejected or removed; only loaded files count in the other tables
-- column rows (UInt64): rows accepted from the file
-- column skipped (UInt64): rows the connector skipped (totals, blank lines), listed at ingest
-- column date_min (Date): first day of data in the file
-- column date_max (Date): last day of data in the file
-- column error (String): why the file was rejected, or ''
-- column first_seen (DateTime('UTC')): the file's earliest state still in the ledger (UTC): once ClickHouse merges the ledger only the newest state is kept, so this may be the time of the last change
-- column updated_at (DateTime('UTC')): when its status last changed (UTC)
CREATE VIEW IF NOT EXISTS ingested_files AS
SELECT
    org,
    sha256,
    argMax(name, version) AS name,
    argMax(connector, version) AS connector,
    argMax(status, version) AS status,
    argMax(rows, version) AS rows,
    argMax(skipped, version) AS skipped,
    argMax(date_min, version) AS date_min,
    argMax(date_max, version) AS date_max,
    argMax(error, version) AS error,
    min(at) AS first_seen,
    max(at) AS updated_at
FROM ingested_files_log
GROUP BY org, sha256
