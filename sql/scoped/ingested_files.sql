-- ingested_files for one organisation, {org:String}: the view's rows for that organisation,
-- with the filter on org inside, before the ledger is grouped by file (see scoped.go).
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
WHERE org = {org:String}
GROUP BY org, sha256
