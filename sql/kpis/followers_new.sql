-- kind: flow
-- unit: count
-- label_en: New followers
-- label_fr: Nouveaux abonnés
-- description_en: Followers gained each day (net where the platform reports it net, e.g. YouTube subscribers), added up over the period. No denominator.
-- description_fr: Abonnés gagnés chaque jour (en net lorsque la plateforme le donne en net, p. ex. les abonnés YouTube), additionnés sur la période. Pas de dénominateur.
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
  AND metric = 'followers_new'
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
