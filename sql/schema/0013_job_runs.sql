-- job_runs: the scheduler's history, one row per run of a job for a scheduled slot.
CREATE TABLE IF NOT EXISTS job_runs (
    job String,
    org String,
    slot DateTime('UTC'),
    started_at DateTime('UTC'),
    finished_at DateTime('UTC'),
    outcome String,
    message String
) ENGINE = MergeTree() ORDER BY (job, slot, started_at)
