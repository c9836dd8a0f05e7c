-- Each source's daily data: the last date it has, how many days, from how many files.
SELECT
    org,
    platform,
    account,
    max(date) AS last_date,
    uniqExact(date) AS days,
    uniqExact(source_file) AS files
FROM metrics_daily
WHERE dimension = ''
GROUP BY org, platform, account
ORDER BY org, platform, account
