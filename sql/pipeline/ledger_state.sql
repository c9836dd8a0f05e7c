-- A file's current state in the ledger ('' when the file was never seen).
SELECT status, name, rows
FROM ingested_files
WHERE org = {org:String} AND sha256 = {sha256:String}
