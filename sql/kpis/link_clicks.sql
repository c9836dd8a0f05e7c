-- kind: flow
-- unit: count
-- label_en: Link clicks
-- label_fr: Clics sur les liens
-- description_en: Clicks on links in social posts, from the platforms' daily series, added up over the period. No denominator.
-- description_fr: Clics sur les liens des publications, d'après les séries quotidiennes des plateformes, additionnés sur la période. Pas de dénominateur.
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
  AND metric = 'link_clicks'
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
