-- goal_milestones for one organisation, {org:String}: the view's rows for that organisation,
-- with the filter on org inside, before the newest snapshot is chosen (see scoped.go).
SELECT
    org, milestone_position, kpi, kind,
    arrayFilter(x -> x != '', splitByChar(',', platforms_csv)) AS platforms,
    threshold, since_date, label, version
FROM goal_milestones_log
WHERE org = {org:String}
  AND (org, version) GLOBAL IN (SELECT org, max(version) FROM goal_milestones_log WHERE org = {org:String} GROUP BY org)
