-- The newest ledger entry of an organisation: its time and version. A run starts its clock
-- after them, so that a file loaded now always outranks one loaded before, even within the
-- same second or under a clock that went back.
SELECT max(at) AS at, max(version) AS version
FROM ingested_files_log
WHERE org = {org:String}
