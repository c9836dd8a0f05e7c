-- job_runs: the scheduler's history, one row per run of a job for a scheduled slot.
--
-- column job (String): the scheduled job, e.g. ingest or report
-- column org (String): the organisation it ran for
-- column slot (DateTime('UTC')): the scheduled time it ran for (UTC)
-- column started_at (DateTime('UTC')): when it started (UTC)
-- column finished_at (DateTime('UTC')): when it ended (UTC)
-- column outcome (String): ok, failed or panic
-- column message (String): what it did, or why it failed
CREATE TABLE IF NOT EXISTS job_runs (
    job String,
    org String,
    slot DateTime('UTC'),
    started_at DateTime('UTC'),
    finished_at DateTime('UTC'),
    outcome String,
    message String
) ENGINE = MergeTree() ORDER BY (job, slot, started_at)
