-- kind: flow
-- unit: currency
-- label_en: Donations raised
-- label_fr: Dons recueillis
-- description_en: Amount given, in the organisation's currency (goals.yaml), added up over the period; gifts in another currency are left out, never converted. No denominator.
-- description_fr: Montant donné, dans la devise de l'organisation (goals.yaml), additionné sur la période ; les dons dans une autre devise sont exclus, jamais convertis. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. The platform is the payment tool.
SELECT
    date,
    platform,
    sum(given) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT platform, toDate(at, {tz:String}) AS date, toFloat64(amount) AS given
    FROM donations
    WHERE org = {org:String}
      AND upper(currency) = upper((SELECT any(currency) FROM goal_organisations WHERE org = {org:String}))
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
