-- kpi_daily: each organisation's KPI values from its newest run. Attainment is computed from
-- this view (sql/goals/attainment.sql), so analysts and reports read the same numbers.
CREATE VIEW IF NOT EXISTS kpi_daily AS
SELECT org, kpi, platform, date, numerator, denominator, version
FROM kpi_daily_log
WHERE (org, version) IN (SELECT org, max(version) FROM kpi_daily_log GROUP BY org)
