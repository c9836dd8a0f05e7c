-- goal_organisations for one organisation, {org:String}: the view's rows for that organisation, with the
-- filter on org inside, before the newest snapshot is chosen (see scoped.go).
SELECT org, name, time_zone, currency, lang, fiscal_year_start, on_track, at_risk, goals_file, version, written_at
FROM goal_organisations_log
WHERE org = {org:String}
  AND (org, version) GLOBAL IN (SELECT org, max(version) FROM goal_organisations_log WHERE org = {org:String} GROUP BY org)
