-- goal_benchmarks for one organisation, {org:String}: the view's rows for that organisation, with the
-- filter on org inside, before the newest snapshot is chosen (see scoped.go).
SELECT org, kpi, platform, value, year, source, definition, version
FROM goal_benchmarks_log
WHERE org = {org:String}
  AND (org, version) GLOBAL IN (SELECT org, max(version) FROM goal_benchmarks_log WHERE org = {org:String} GROUP BY org)
