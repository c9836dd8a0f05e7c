-- kind: flow
-- unit: count
-- label_en: Reach
-- label_fr: Couverture
-- description_en: Daily reach (people who saw any content that day) added up over the period; a person reached on two days counts twice. No denominator.
-- description_fr: Couverture quotidienne (personnes ayant vu un contenu ce jour-là) additionnée sur la période ; une personne touchée deux jours compte deux fois. Pas de dénominateur.
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
  AND metric = 'reach'
  AND dimension = ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
