-- goal_milestones: the milestones of each organisation's newest goals.yaml snapshot.
CREATE VIEW IF NOT EXISTS goal_milestones AS
SELECT
    org, milestone_position, kpi, kind,
    arrayFilter(x -> x != '', splitByChar(',', platforms_csv)) AS platforms,
    threshold, since_date, label, version
FROM goal_milestones_log
WHERE (org, version) IN (SELECT org, max(version) FROM goal_milestones_log GROUP BY org)
