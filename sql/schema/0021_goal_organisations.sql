-- goal_organisations: each organisation's settings from its newest goals.yaml snapshot.
CREATE VIEW IF NOT EXISTS goal_organisations AS
SELECT org, name, time_zone, currency, lang, fiscal_year_start, on_track, at_risk, goals_file, version, written_at
FROM goal_organisations_log
WHERE (org, version) IN (SELECT org, max(version) FROM goal_organisations_log GROUP BY org)
