-- The highest snapshot version written for an organisation, so the next run writes a higher one.
SELECT toUInt64(max(v)) AS version
FROM
(
    SELECT max(version) AS v FROM goal_organisations_log WHERE org = {org:String}
    UNION ALL
    SELECT max(version) AS v FROM kpi_daily_log WHERE org = {org:String}
)
