-- The organisation as goals.yaml describes it, written on every run (one snapshot per run,
-- numbered by version). Read it through the goal_organisations view, the newest snapshot.
CREATE TABLE IF NOT EXISTS goal_organisations_log (
    org String,
    name String,
    time_zone String,
    currency String,
    lang String,
    fiscal_year_start UInt8,
    on_track Float64,
    at_risk Float64,
    goals_file String,
    version UInt64,
    written_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, version)
