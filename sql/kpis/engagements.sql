-- kind: flow
-- unit: count
-- label_en: Engagements
-- label_fr: Interactions
-- description_en: Reactions, comments, shares and other interactions the platform counts as engagement, added up over the period. No denominator.
-- description_fr: Réactions, commentaires, partages et autres interactions que la plateforme compte comme engagement, additionnés sur la période. Pas de dénominateur.
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
  AND metric = 'engagements'
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
