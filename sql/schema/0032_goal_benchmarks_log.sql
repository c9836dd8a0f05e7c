-- Published nonprofit benchmarks (goals.yaml: benchmarks file), shown beside matching KPIs.
CREATE TABLE IF NOT EXISTS goal_benchmarks_log (
    org String,
    kpi String,
    platform String,
    value Float64,
    year UInt32,
    source String,
    definition String,
    version UInt64,
    written_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, version, kpi, platform)
