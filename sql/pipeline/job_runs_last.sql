-- Each job's last run, its last successful slot, and whether it has ever run: the scheduler
-- reads this at start to catch up a slot missed while it was down, and status shows it.
SELECT
    job,
    max(started_at) AS last_started,
    argMax(outcome, started_at) AS last_outcome,
    argMax(message, started_at) AS last_message,
    maxIf(slot, outcome = 'ok') AS last_ok_slot,
    count() AS runs
FROM job_runs
WHERE org = {org:String}
GROUP BY job
ORDER BY job
