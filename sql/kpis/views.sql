-- kind: flow
-- unit: count
-- label_en: Views
-- label_fr: Vues
-- description_en: Views as the platforms now count them (Meta's Views since 2025, YouTube video views), added up over the period. No denominator.
-- description_fr: Vues telles que les plateformes les comptent désormais (vues Meta depuis 2025, vues de vidéos YouTube), additionnées sur la période. Pas de dénominateur.
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
  AND metric = 'views'
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
