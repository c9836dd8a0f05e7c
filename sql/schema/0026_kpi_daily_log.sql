-- KPI values day by day, as each KPI's SQL computed them on a run: for a flow the day's
-- amount, for a stock the level at the end of the day, for a ratio the day's numerator and
-- denominator (added up separately over a period, then divided). A day without a row has no
-- data, which is not the same as zero. Every run writes a new version; merges keep only the
-- newest version of each day, and the kpi_daily view reads only the newest run.
CREATE TABLE IF NOT EXISTS kpi_daily_log (
    org String,
    kpi String,
    platform String,
    date Date,
    numerator Float64,
    denominator Float64,
    version UInt64,
    computed_at DateTime('UTC')
) ENGINE = ReplacingMergeTree(version) ORDER BY (org, kpi, platform, date)
