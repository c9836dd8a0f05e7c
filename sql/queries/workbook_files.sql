-- The files behind the period, for the workbook's Data coverage sheet: every export whose
-- data overlaps [start, end), whatever its state (a rejected file is named with its error):
-- its id (the first 12 hex digits of its sha256, since two exports may share a name), name,
-- connector, rows and the days it covers, by connector and first day.
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
    first_seen,
    error
FROM ingested_files
WHERE org = {org:String}
  AND date_max >= {start:Date}
  AND date_min < {end:Date}
ORDER BY connector, date_min, name
