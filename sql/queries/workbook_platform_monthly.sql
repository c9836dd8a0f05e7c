-- Each platform month by month over whole months [start, end), in long format (platform,
-- month, measure, value), for the workbook's platform sheets. Measures:
--   followers        the followers KPI (kpi_daily: the platform's own total, or the baseline of
--                    goals.yaml plus the new followers since) on the month's last day with data;
--   followers_total  the platform's own total where an export gives one, same rule, for reports
--                    built without goals;
--   followers_new, reach, impressions, views, engagements, link_clicks, sessions, users,
--   new_users        the daily account totals (dimension = '') added up over the month;
--   engagement_rate  engagements divided by reach, on the days and accounts reporting both;
--   posts            items published in the month, in the organisation's time zone.
-- A month without rows for a measure has no row: no data is never a zero.
-- Parameters: {org:String}, {start:Date}, {end:Date}, {tz:String}.
SELECT platform, month, measure, value
FROM
(
    SELECT platform, month, metric AS measure, sum(v) AS value
    FROM
    (
        SELECT
            platform,
            account,
            toStartOfMonth(date) AS month,
            metric,
            if(metric = 'followers_total', argMax(value, date), sum(value)) AS v
        FROM metrics_daily
        WHERE org = {org:String}
          AND dimension = ''
          AND date >= {start:Date}
          AND date < {end:Date}
          AND metric IN ('followers_total', 'followers_new', 'reach', 'impressions', 'views', 'engagements',
                         'link_clicks', 'sessions', 'users', 'new_users')
        GROUP BY platform, account, month, metric
    )
    GROUP BY platform, month, metric

    UNION ALL

    SELECT platform, toStartOfMonth(date) AS month, 'followers' AS measure, argMax(numerator, date) AS value
    FROM kpi_daily
    WHERE org = {org:String}
      AND kpi = 'followers'
      AND date >= {start:Date}
      AND date < {end:Date}
    GROUP BY platform, month

    UNION ALL

    SELECT platform, month, 'engagement_rate' AS measure, sum(engaged) / sum(base) AS value
    FROM
    (
        SELECT
            platform,
            account,
            date,
            toStartOfMonth(date) AS month,
            sumIf(value, metric = 'engagements') AS engaged,
            sumIf(value, metric = 'reach') AS base,
            countIf(metric = 'engagements') AS engaged_rows,
            countIf(metric = 'reach') AS base_rows
        FROM metrics_daily
        WHERE org = {org:String}
          AND dimension = ''
          AND metric IN ('engagements', 'reach')
          AND date >= {start:Date}
          AND date < {end:Date}
        GROUP BY platform, account, date
    )
    WHERE engaged_rows > 0 AND base_rows > 0
    GROUP BY platform, month
    HAVING sum(base) > 0

    UNION ALL

    SELECT platform, toStartOfMonth(day) AS month, 'posts' AS measure, toFloat64(count()) AS value
    FROM
    (
        SELECT platform, toDate(published_at, {tz:String}) AS day
        FROM posts
        WHERE org = {org:String}
    )
    WHERE day >= {start:Date}
      AND day < {end:Date}
    GROUP BY platform, month
)
ORDER BY platform, month, measure
