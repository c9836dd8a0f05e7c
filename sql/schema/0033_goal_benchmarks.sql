-- goal_benchmarks: the benchmarks of each organisation's newest goals.yaml snapshot.
CREATE VIEW IF NOT EXISTS goal_benchmarks AS
SELECT org, kpi, platform, value, year, source, definition, version
FROM goal_benchmarks_log
WHERE (org, version) IN (SELECT org, max(version) FROM goal_benchmarks_log GROUP BY org)
