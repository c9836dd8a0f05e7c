-- KPIs of the latest run (kpi_daily) by platform, month by month over [start, end): a flow's
-- sum, a stock's value on its last day with data in the month, a ratio's numerator sum over
-- its denominator sum (NULL when the denominator is 0). The platforms compared side by side.
-- Parameters: {org:String}, {start:Date}, {end:Date}, {kpis:Array(String)}.
SELECT
    kpi,
    platform,
    month,
    multiIf(
        kind = 'stock', last_value,
        kind = 'ratio', if(den != 0, num / den, NULL),
        num) AS value
FROM
(
    SELECT
        kpi,
        platform,
        toStartOfMonth(date) AS month,
        sum(numerator) AS num,
        sum(denominator) AS den,
        argMax(numerator, date) AS last_value
    FROM kpi_daily
    WHERE org = {org:String}
      AND has(CAST({kpis:Array(String)} AS Array(String)), kpi)
      AND date >= {start:Date}
      AND date < {end:Date}
    GROUP BY kpi, platform, month
) AS v
ANY LEFT JOIN
(
    SELECT kpi, kind
    FROM kpi_definitions
    WHERE org = {org:String}
) AS d USING (kpi)
ORDER BY kpi, platform, month
