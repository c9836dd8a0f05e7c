-- Milestones to celebrate: for every threshold in goals.yaml (goal_milestones), the first day
-- the KPI reached it, using the KPI values of the latest run (kpi_daily) up to the end of the
-- period. A stock crosses by its level (added up over the platforms, on days when all of them
-- report); a flow by its running total since since_date. status: reached, reached_before_data
-- (a stock already past the threshold on its first day with data, so the day it was crossed
-- is not known), not_yet, no_data. in_period says whether it was crossed in [start, end).
-- Parameters: {org:String}, {start:Date}, {end:Date}.
SELECT
    milestone_position,
    kpi,
    kind,
    platforms,
    threshold,
    label,
    multiIf(
        length(series_days) = 0, 'no_data',
        crossed_index = 0, 'not_yet',
        crossed_index = 1 AND kind = 'stock', 'reached_before_data',
        'reached') AS status,
    if(crossed_index > 0, series_days[crossed_index], NULL) AS crossed_on,
    crossed_index > 0 AND NOT (crossed_index = 1 AND kind = 'stock') AND series_days[crossed_index] >= {start:Date} AS in_period,
    if(length(series_days) > 0, series_values[length(series_values)], NULL) AS latest_value,
    if(length(series_days) > 0, series_days[length(series_days)], NULL) AS latest_date
FROM
(
    SELECT
        milestone_position, kpi, kind, platforms, threshold, label, since_date,
        series_days,
        series_values,
        arrayFirstIndex((v, t) -> v >= t, series_values, replicate(threshold, series_values)) AS crossed_index
    FROM
    (
        SELECT
            milestone_position, kpi, kind, platforms, threshold, label, since_date,
            -- Lambdas take every value as an argument (replicate), never a captured column:
            -- ClickHouse 18.16 does not see captured columns.
            if(kind = 'stock',
                arrayFilter((d, r, n) -> r = n, sorted_days, sorted_reporting, replicate(full_count, sorted_reporting)),
                sorted_days) AS series_days,
            if(kind = 'stock',
                arrayFilter((v, r, n) -> r = n, sorted_totals, sorted_reporting, replicate(full_count, sorted_reporting)),
                arrayCumSum(sorted_totals)) AS series_values
        FROM
        (
            SELECT milestone_position, kpi, kind, platforms, threshold, label, since_date
            FROM goal_milestones
            WHERE org = {org:String}
        ) AS m
        ANY LEFT JOIN
        (
            SELECT
                milestone_position,
                threshold,
                arraySort(groupArray(date)) AS sorted_days,
                arraySort((v, d) -> d, groupArray(total), groupArray(date)) AS sorted_totals,
                arraySort((r, d) -> d, groupArray(reporting), groupArray(date)) AS sorted_reporting,
                max(reporting) AS full_count
            FROM
            (
                SELECT milestone_position, threshold, date, sum(numerator) AS total, count() AS reporting
                FROM
                (
                    SELECT milestone_position, threshold, kpi, platforms, since_date
                    FROM goal_milestones
                    WHERE org = {org:String}
                ) AS gm
                ALL INNER JOIN
                (
                    SELECT kpi, platform, date, numerator
                    FROM kpi_daily
                    WHERE org = {org:String}
                      AND date < {end:Date}
                ) AS kd USING (kpi)
                WHERE (empty(platforms) OR has(platforms, platform))
                  AND date >= since_date
                GROUP BY milestone_position, threshold, date
            )
            GROUP BY milestone_position, threshold
        ) AS s USING (milestone_position, threshold)
    )
)
ORDER BY milestone_position, threshold
