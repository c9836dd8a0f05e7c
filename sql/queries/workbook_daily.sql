-- The tidy daily table behind the report, for the workbook's Data sheet: one row per day,
-- platform, account, metric and breakdown (dimension '' is the account's total; a breakdown
-- such as a GA4 channel group splits that total, so pivots add up totals only), with the
-- value the newest export gives. Read a year at most at a time so memory stays bounded.
-- Parameters: {org:String}, {start:Date}, {end:Date}.
SELECT date, platform, account, metric, dimension, value
FROM metrics_daily
WHERE org = {org:String}
  AND date >= {start:Date}
  AND date < {end:Date}
ORDER BY date, platform, account, metric, dimension
