-- Only account totals (dimension = ''): rows with a dimension break a total down and would count it twice.
-- Each platform's daily metrics over a period: the sum (for flows such as reach), the last
-- value (for stocks such as followers_total) and how many days carried data.
SELECT
    platform,
    metric,
    sum(value) AS total,
    argMax(value, date) AS last_value,
    uniqExact(date) AS days
FROM metrics_daily
WHERE org = {org:String}
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
GROUP BY platform, metric
ORDER BY platform, metric
