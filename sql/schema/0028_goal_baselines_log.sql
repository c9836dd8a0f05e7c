-- Audience counts staff read off a platform on a given day (goals.yaml: baselines). Exports
-- often carry only daily new followers; the followers KPI adds them to these counts.
CREATE TABLE IF NOT EXISTS goal_baselines_log (
    org String,
    platform String,
    metric String,
    date Date,
    value Float64,
    version UInt64,
    written_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, version, platform, metric)
