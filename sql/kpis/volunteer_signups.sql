-- kind: flow
-- unit: count
-- label_en: Volunteer sign-ups
-- label_fr: Inscriptions de bénévoles
-- description_en: People who signed up to volunteer, counted on their sign-up day (one per person and form). No denominator.
-- description_fr: Personnes inscrites comme bénévoles, comptées le jour de leur inscription (une par personne et par formulaire). Pas de dénominateur.
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
      AND kind = 'volunteer'
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
