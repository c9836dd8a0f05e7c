-- The first day of an organisation's KPI values in the latest run (kpi_daily), and how many
-- rows there are: months before that day have no values, so they need not be measured.
-- Parameters: {org:String}.
SELECT
    min(date) AS first_day,
    count() AS values_count
FROM kpi_daily
WHERE org = {org:String}
