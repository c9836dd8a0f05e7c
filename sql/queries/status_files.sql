-- What the ledger holds: files per organisation, connector and state, with their rows and
-- the dates they cover.
SELECT
    org,
    connector,
    status,
    count() AS files,
    sum(rows) AS rows,
    min(date_min) AS first_date,
    max(date_max) AS last_date
FROM ingested_files
GROUP BY org, connector, status
ORDER BY org, connector, status
