-- kind: flow
-- unit: count
-- label_en: Posts published
-- label_fr: Publications
-- description_en: Social posts and videos published in the period (emails excluded), counted on their publication day in the organisation's time zone. No denominator.
-- description_fr: Publications et vidéos publiées dans la période (hors courriels), comptées le jour de leur publication dans le fuseau horaire de l'organisation. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform.
SELECT
    date,
    platform,
    toFloat64(count()) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT platform, toDate(published_at, {tz:String}) AS date
    FROM posts
    WHERE org = {org:String}
      AND platform != 'email'
      AND type != 'email'
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
