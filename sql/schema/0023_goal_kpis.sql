-- goal_kpis: the goals and targets of each organisation's newest goals.yaml snapshot.
CREATE VIEW IF NOT EXISTS goal_kpis AS
SELECT
    org, goal_id, goal_position, category, goal_name, kpi, kpi_position, kind, unit, kpi_label,
    arrayFilter(x -> x != '', splitByChar(',', platforms_csv)) AS platforms,
    target_type, target_per, target_value, target_from, target_to, has_baseline, baseline_value,
    fiscal_year_start, on_track, at_risk, version
FROM goal_kpis_log
WHERE (org, version) IN (SELECT org, max(version) FROM goal_kpis_log GROUP BY org)
