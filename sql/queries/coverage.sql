-- Only account totals (dimension = ''): rows with a dimension break a total down and would count it twice.
-- For each source (platform and account), the days of the period that carry data and the
-- last date seen, so a gap is reported as missing data rather than read as a drop.
SELECT
    platform,
    account,
    uniqExact(date) AS days,
    max(date) AS last_date
FROM metrics_daily
WHERE org = {org:String}
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
GROUP BY platform, account
ORDER BY platform, account
