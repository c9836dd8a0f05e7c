-- kind: ratio
-- unit: percent
-- label_en: Engagement rate (by views)
-- label_fr: Taux d'engagement (sur les vues)
-- description_en: Engagements divided by views. Denominator: views added up over the period, on the days and accounts that report both.
-- description_fr: Interactions divisées par les vues. Dénominateur : les vues additionnées sur la période, les jours et comptes qui donnent les deux.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. Only days on which an account reports both
-- engagements and views count, so a platform without views never inflates the rate.
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
        sumIf(value, metric = 'views') AS base,
        countIf(metric = 'engagements') AS engaged_rows,
        countIf(metric = 'views') AS base_rows
    FROM metrics_daily
    WHERE org = {org:String}
      AND metric IN ('engagements', 'views')
      AND dimension = ''
      AND date >= {start:Date}
      AND date < {end:Date}
      AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
    GROUP BY date, platform, account
)
WHERE engaged_rows > 0 AND base_rows > 0
GROUP BY date, platform
ORDER BY date, platform
