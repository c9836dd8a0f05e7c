-- Milestones to celebrate (goals.yaml: milestones): a KPI, an optional platform filter and a
-- threshold. Stocks cross it by their level; flows by their running total since since_date.
CREATE TABLE IF NOT EXISTS goal_milestones_log (
    org String,
    milestone_position UInt32,
    kpi String,
    kind String,
    platforms_csv String,
    threshold Float64,
    since_date Date,
    label String,
    version UInt64,
    written_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, version, milestone_position, threshold)
