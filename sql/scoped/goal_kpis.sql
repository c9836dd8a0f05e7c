-- goal_kpis for one organisation, {org:String}: the view's rows for that organisation, with the
-- filter on org inside, before the newest snapshot is chosen (see scoped.go).
SELECT
    org, goal_id, goal_position, category, goal_name, kpi, kpi_position, kind, unit, kpi_label,
    arrayFilter(x -> x != '', splitByChar(',', platforms_csv)) AS platforms,
    target_type, target_per, target_value, target_from, target_to, has_baseline, baseline_value,
    fiscal_year_start, on_track, at_risk, version
FROM goal_kpis_log
WHERE org = {org:String}
  AND (org, version) GLOBAL IN (SELECT org, max(version) FROM goal_kpis_log WHERE org = {org:String} GROUP BY org)
