-- goal_baselines: the audience counts of each organisation's newest goals.yaml snapshot.
CREATE VIEW IF NOT EXISTS goal_baselines AS
SELECT org, platform, metric, date, value, version
FROM goal_baselines_log
WHERE (org, version) IN (SELECT org, max(version) FROM goal_baselines_log GROUP BY org)
