-- kind: ratio
-- unit: percent
-- label_en: Engagement rate (by impressions)
-- label_fr: Taux d'engagement (sur les impressions)
-- description_en: Engagements divided by impressions. Denominator: impressions added up over the period, on the days and accounts that report both.
-- description_fr: Interactions divisées par les impressions. Dénominateur : les impressions additionnées sur la période, les jours et comptes qui donnent les deux.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. Only days on which an account reports both
-- engagements and impressions count, so a platform without impressions never inflates the rate.
SELECT
    date,
    platform,
    sum(engaged) AS numerator,
    sum(base) AS denominator
FROM
(
    SELECT
        date,
        platform,
        account,
        sumIf(value, metric = 'engagements') AS engaged,
        sumIf(value, metric = 'impressions') AS base,
        countIf(metric = 'engagements') AS engaged_rows,
        countIf(metric = 'impressions') AS base_rows
    FROM metrics_daily
    WHERE org = {org:String}
      AND metric IN ('engagements', 'impressions')
      AND dimension = ''
      AND date >= {start:Date}
      AND date < {end:Date}
      AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
    GROUP BY date, platform, account
)
WHERE engaged_rows > 0 AND base_rows > 0
GROUP BY date, platform
ORDER BY date, platform
