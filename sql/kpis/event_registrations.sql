-- kind: flow
-- unit: count
-- label_en: Event registrations
-- label_fr: Inscriptions aux événements
-- description_en: Registrations to events, counted on the day of registration (one per person and event). No denominator.
-- description_fr: Inscriptions aux événements, comptées le jour de l'inscription (une par personne et par événement). Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. The platform is the tool that recorded the
-- sign-up (mailchimp, eventbrite, google-forms...).
SELECT
    date,
    platform,
    toFloat64(count()) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT platform, toDate(at, {tz:String}) AS date
    FROM signups
    WHERE org = {org:String}
      AND kind = 'event'
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
