-- kind: flow
-- unit: count
-- label_en: Donations
-- label_fr: Dons
-- description_en: Gifts received (one-off and recurring payments), counted on the day they were made in the organisation's time zone. No denominator.
-- description_fr: Dons reçus (ponctuels et mensuels), comptés le jour où ils ont été faits, dans le fuseau horaire de l'organisation. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. The platform is the payment tool (stripe,
-- paypal, donorbox...).
SELECT
    date,
    platform,
    toFloat64(count()) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT platform, toDate(at, {tz:String}) AS date
    FROM donations
    WHERE org = {org:String}
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
