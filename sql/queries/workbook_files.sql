-- The files behind the period, for the workbook's Data coverage sheet: every export whose
-- data overlaps [start, end), whatever its state (a rejected file is named with its error):
-- its id (the first 12 hex digits of its sha256, since two exports may share a name), name,
-- connector, rows and the days it covers, by connector and first day, and when it reached its
-- state (updated_at: first_seen is not kept once ClickHouse merges the ledger).
-- Parameters: {org:String}, {start:Date}, {end:Date}.
SELECT
    substring(sha256, 1, 12) AS file_id,
    name,
    connector,
    status,
    rows,
    skipped,
    date_min,
    date_max,
    updated_at AS ingested_at,
    error
FROM ingested_files
WHERE org = {org:String}
  AND date_max >= {start:Date}
  AND date_min < {end:Date}
ORDER BY connector, date_min, name
