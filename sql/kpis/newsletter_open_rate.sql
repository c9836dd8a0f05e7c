-- kind: ratio
-- unit: percent
-- label_en: Newsletter open rate
-- label_fr: Taux d'ouverture de l'infolettre
-- description_en: Unique opens divided by successful deliveries. Denominator: emails delivered (sent minus bounces) of the campaigns sent in the period.
-- description_fr: Ouvertures uniques divisées par les courriels remis. Dénominateur : courriels remis (envoyés moins rebonds) des campagnes envoyées dans la période.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. Campaigns count on their send day.
SELECT
    date,
    platform,
    sum(counted) AS numerator,
    sum(delivered) AS denominator
FROM
(
    SELECT platform, account, post_id, toDate(published_at, {tz:String}) AS date
    FROM posts
    WHERE org = {org:String}
      AND platform = 'email'
) AS p
ANY INNER JOIN
(
    SELECT
        platform,
        account,
        post_id,
        sumIf(value, metric = 'opens') AS counted,
        sumIf(value, metric = 'deliveries') AS delivered
    FROM post_metrics
    WHERE org = {org:String}
      AND metric IN ('opens', 'deliveries')
    GROUP BY platform, account, post_id
    HAVING countIf(metric = 'deliveries') > 0 AND countIf(metric = 'opens') > 0
) AS m USING (platform, account, post_id)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
