-- Whether a job already succeeded for a slot: every job is idempotent for its slot.
SELECT count()
FROM job_runs
WHERE org = {org:String} AND job = {job:String} AND slot = {slot:DateTime} AND outcome = 'ok'
