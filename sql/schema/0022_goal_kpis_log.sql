-- Every goal's KPIs with their targets, one row per goal and KPI, written on every run.
-- platforms_csv is the goal's platform filter ('' = all platforms). Targets:
--   target_type 'rate':  target_value per target_per (month, quarter or year; quarters and
--                        years are fiscal), spread evenly over that period's days, from
--                        target_from to target_to (inclusive);
--   target_type 'level': reach target_value by target_to, on a straight line from the
--                        baseline on target_from (baseline_value when has_baseline = 1,
--                        otherwise the KPI's own value on that day; 0 for flows, which
--                        then add up from target_from);
--   target_type 'value': the ratio to reach (e.g. 0.04 for 4 %);
--   target_type '':      no target (the KPI is measured only).
-- The organisation's fiscal-year start and status thresholds are repeated on each row so
-- that attainment needs no other table.
CREATE TABLE IF NOT EXISTS goal_kpis_log (
    org String,
    goal_id String,
    goal_position UInt32,
    category String,
    goal_name String,
    kpi String,
    kpi_position UInt32,
    kind String,
    unit String,
    kpi_label String,
    platforms_csv String,
    target_type String,
    target_per String,
    target_value Float64,
    target_from Date,
    target_to Date,
    has_baseline UInt8,
    baseline_value Float64,
    fiscal_year_start UInt8,
    on_track Float64,
    at_risk Float64,
    version UInt64,
    written_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, version, goal_position, kpi_position)
