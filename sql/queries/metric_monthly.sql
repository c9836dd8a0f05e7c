-- Only account totals (dimension = ''): rows with a dimension break a total down and would count it twice.
-- Each platform's daily metrics month by month over a range of whole months.
SELECT
    platform,
    metric,
    toStartOfMonth(date) AS month,
    sum(value) AS total,
    argMax(value, date) AS last_value,
    uniqExact(date) AS days
FROM metrics_daily
WHERE org = {org:String}
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
GROUP BY platform, metric, month
ORDER BY platform, metric, month
