-- kind: flow
-- unit: count
-- label_en: Impressions
-- label_fr: Impressions
-- description_en: Times content was displayed (X, YouTube thumbnails, Meta before 2025), added up over the period. No denominator.
-- description_fr: Nombre d'affichages des contenus (X, miniatures YouTube, Meta avant 2025), additionnés sur la période. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform; accounts are added up and only
-- account totals (dimension = '') are read, never their breakdowns.
SELECT
    date,
    platform,
    sum(value) AS numerator,
    toFloat64(0) AS denominator
FROM metrics_daily
WHERE org = {org:String}
  AND metric = 'impressions'
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
