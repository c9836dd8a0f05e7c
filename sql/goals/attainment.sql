-- Attainment of every goal KPI of an organisation for a period [start, end), as of asof (the
-- first day not yet elapsed: the period's end when it is over, today when it is running).
-- Reads the goals and targets written from goals.yaml (goal_kpis) and the KPI values written
-- from sql/kpis (kpi_daily) on the latest run; reports and analysts run this same statement.
--
--   actual      the KPI over the elapsed part of the period (days before asof): a flow's sum, a stock's last value (added up over the
--               platforms), a ratio's numerator sum over its denominator sum; for a flow with a
--               level target, the running total since the target's start.
--   target      the target for the whole period: a per-month/quarter/year target spread over
--               that period's days (fiscal quarters and years) and added up over the days of
--               [start, end); a level target's level; a ratio's value.
--   pace_target what should have been reached by now: the rate target over the elapsed days,
--               or the straight line from the baseline to a level target.
--   attainment  actual / target.
--   pace        actual / pace_target (for a stock with a level target: the gain since the
--               baseline over the planned gain). The status comes from pace:
--               on_track >= on_track threshold, at_risk >= at_risk threshold, else off_track;
--               no_data, no_target and not_started say why there is none.
-- Parameters: {org:String}, {start:Date}, {end:Date}, {asof:Date}.
SELECT
    goal_id,
    goal_position,
    category,
    goal_name,
    kpi,
    kpi_position,
    kind,
    unit,
    kpi_label,
    platforms,
    target_type,
    target_per,
    if(has_data, actual_raw, NULL) AS actual,
    if(has_data, period_raw, NULL) AS period_value,
    numerator_sum AS numerator,
    denominator_sum AS denominator,
    if(target_type = '', NULL, target_raw) AS target,
    if(target_type = '', NULL, pace_target_raw) AS pace_target,
    if(target_type = 'level', baseline_raw, NULL) AS baseline,
    if(has_data AND target_type != '' AND target_raw != 0, actual_raw / target_raw, NULL) AS attainment,
    if(has_data AND pace_known, pace_raw, NULL) AS pace,
    multiIf(
        NOT has_data, 'no_data',
        target_type = '', 'no_target',
        NOT pace_known, 'not_started',
        pace_raw >= on_track, 'on_track',
        pace_raw >= at_risk, 'at_risk',
        'off_track') AS status,
    days_with_data,
    if(days_with_data > 0, last_data_date, NULL) AS last_date,
    platforms_with_data,
    elapsed_days,
    period_days
FROM
(
    SELECT
        goal_id, goal_position, category, goal_name, kpi, kpi_position, kind, unit, kpi_label,
        platforms, target_type, target_per, target_value, target_from, target_to, fiscal_year_start,
        on_track, at_risk, numerator_sum, denominator_sum, days_with_data, last_data_date, platforms_with_data,
        toUInt32({end:Date} - {start:Date}) AS period_days,
        toUInt32(greatest(0, least({asof:Date}, {end:Date}) - {start:Date})) AS elapsed_days,
        least({asof:Date}, {end:Date}) - 1 AS last_elapsed,
        if(target_type = 'level' AND kind = 'flow', rows_since_from > 0, platforms_with_data > 0) AS has_data,
        multiIf(
            kind = 'stock', stock_value,
            kind = 'ratio', if(denominator_sum != 0, numerator_sum / denominator_sum, 0),
            numerator_sum) AS period_raw,
        if(target_type = 'level' AND kind = 'flow', since_from, period_raw) AS actual_raw,
        if(has_baseline, baseline_value, if(kind = 'stock', stock_at_from, 0)) AS baseline_raw,
        -- Rate targets: each day of the target's month, quarter or year carries its share.
        -- Lambdas take every value as an argument (replicate), never a captured column:
        -- ClickHouse 18.16 does not see captured columns.
        arrayMap(i -> {start:Date} + i, range(period_days)) AS period_dates,
        arrayMap((d, tf, tt, tv, tp, fy) -> if(d >= tf AND d <= tt,
            tv / toFloat64(multiIf(
                tp = 'month', addMonths(toStartOfMonth(d), 1) - toStartOfMonth(d),
                tp = 'quarter',
                    addMonths(addMonths(toStartOfMonth(d), -toInt32((toMonth(d) + 12 - fy) % 3)), 3)
                    - addMonths(toStartOfMonth(d), -toInt32((toMonth(d) + 12 - fy) % 3)),
                addMonths(addMonths(toStartOfMonth(d), -toInt32((toMonth(d) + 12 - fy) % 12)), 12)
                    - addMonths(toStartOfMonth(d), -toInt32((toMonth(d) + 12 - fy) % 12)))),
            0),
            period_dates, replicate(target_from, period_dates), replicate(target_to, period_dates),
            replicate(target_value, period_dates), replicate(target_per, period_dates),
            replicate(fiscal_year_start, period_dates)) AS day_targets,
        arraySum(day_targets) AS rate_target,
        arraySum(arraySlice(day_targets, 1, elapsed_days)) AS rate_pace,
        -- Level targets: the share of the way from target_from to target_to by the last
        -- elapsed day (flows count both ends as days, stocks the distance between them).
        if(kind = 'flow',
            greatest(0, least(1, toFloat64(last_elapsed - target_from + 1) / toFloat64(greatest(1, target_to - target_from + 1)))),
            greatest(0, least(1, toFloat64(last_elapsed - target_from) / toFloat64(greatest(1, target_to - target_from))))) AS level_share,
        multiIf(target_type = 'rate', rate_target, target_value) AS target_raw,
        multiIf(
            target_type = 'rate', rate_pace,
            target_type = 'level', baseline_raw + (target_value - baseline_raw) * level_share,
            target_value) AS pace_target_raw,
        multiIf(
            target_type = 'level' AND kind = 'stock', pace_target_raw - baseline_raw > 0,
            pace_target_raw > 0) AS pace_known,
        if(target_type = 'level' AND kind = 'stock',
            (actual_raw - baseline_raw) / if(pace_target_raw - baseline_raw > 0, pace_target_raw - baseline_raw, 1),
            actual_raw / if(pace_target_raw > 0, pace_target_raw, 1)) AS pace_raw
    FROM
    (
        SELECT
            goal_id, goal_position, category, goal_name, kpi, kpi_position, kind, unit, kpi_label,
            platforms, target_type, target_per, target_value, target_from, target_to,
            has_baseline, baseline_value, fiscal_year_start, on_track, at_risk
        FROM goal_kpis
        WHERE org = {org:String}
    ) AS g
    ANY LEFT JOIN
    (
        SELECT
            goal_id,
            kpi_position,
            sum(period_numerator) AS numerator_sum,
            sum(period_denominator) AS denominator_sum,
            sumIf(last_value, period_rows > 0) AS stock_value,
            sumIf(value_at_from, rows_at_from > 0) AS stock_at_from,
            sum(since_from_sum) AS since_from,
            sum(since_from_rows) AS rows_since_from,
            countIf(period_rows > 0) AS platforms_with_data,
            max(period_days_with_data) AS days_with_data,
            max(period_last_date) AS last_data_date
        FROM
        (
            SELECT
                goal_id,
                kpi_position,
                platform,
                sumIf(numerator, date >= {start:Date}) AS period_numerator,
                sumIf(denominator, date >= {start:Date}) AS period_denominator,
                argMaxIf(numerator, date, date >= {start:Date}) AS last_value,
                countIf(date >= {start:Date}) AS period_rows,
                uniqExactIf(date, date >= {start:Date}) AS period_days_with_data,
                maxIf(date, date >= {start:Date}) AS period_last_date,
                argMaxIf(numerator, date, date <= target_from) AS value_at_from,
                countIf(date <= target_from) AS rows_at_from,
                sumIf(numerator, date >= target_from AND date <= target_to) AS since_from_sum,
                countIf(date >= target_from AND date <= target_to) AS since_from_rows
            FROM
            (
                SELECT goal_id, kpi_position, kpi, platforms, target_from, target_to
                FROM goal_kpis
                WHERE org = {org:String}
            ) AS gk
            ALL INNER JOIN
            (
                SELECT kpi, platform, date, numerator, denominator
                FROM kpi_daily
                WHERE org = {org:String}
                  AND date < least({end:Date}, {asof:Date})
            ) AS kd USING (kpi)
            WHERE empty(platforms) OR has(platforms, platform)
            GROUP BY goal_id, kpi_position, platform
        )
        GROUP BY goal_id, kpi_position
    ) AS a USING (goal_id, kpi_position)
)
ORDER BY goal_position, kpi_position
