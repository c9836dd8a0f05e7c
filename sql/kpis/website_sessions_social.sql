-- kind: flow
-- unit: count
-- label_en: Website sessions from social media
-- label_fr: Sessions sur le site venues des réseaux sociaux
-- description_en: Website sessions whose channel group is Organic Social or Paid Social (Google Analytics 4), added up over the period. No denominator.
-- description_fr: Sessions sur le site dont le groupe de canaux est Organic Social ou Paid Social (Google Analytics 4), additionnées sur la période. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. The channel groups break the total down, so
-- here (and only here) rows with a dimension are read.
SELECT
    date,
    platform,
    sum(value) AS numerator,
    toFloat64(0) AS denominator
FROM metrics_daily
WHERE org = {org:String}
  AND metric = 'sessions'
  AND dimension IN ('Organic Social', 'Paid Social')
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
