-- ingested_files: the ledger as analysts read it, one row per file with its current state.
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
