-- kind: flow
-- unit: currency
-- label_en: Donations from social media
-- label_fr: Dons venus des réseaux sociaux
-- description_en: Amount given through links whose UTM source is a social network (or whose UTM medium is social), in the organisation's currency, added up over the period. No denominator.
-- description_fr: Montant donné par des liens dont la source UTM est un réseau social (ou dont le support UTM est social), dans la devise de l'organisation, additionné sur la période. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. Here the platform is the social network the
-- gift is attributed to by its UTM source ('social' when only the medium says social), so a
-- goal can filter on facebook or instagram.
SELECT
    date,
    platform,
    sum(given) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT
        multiIf(
            lower(utm_source) IN ('facebook', 'fb', 'facebook.com', 'm.facebook.com', 'l.facebook.com', 'lm.facebook.com'), 'facebook',
            lower(utm_source) IN ('instagram', 'ig', 'instagram.com', 'l.instagram.com'), 'instagram',
            lower(utm_source) IN ('twitter', 'x', 'x.com', 't.co', 'twitter.com'), 'x',
            lower(utm_source) IN ('linkedin', 'linkedin.com', 'lnkd.in'), 'linkedin',
            lower(utm_source) IN ('youtube', 'youtube.com', 'yt'), 'youtube',
            lower(utm_source) IN ('tiktok', 'tiktok.com'), 'tiktok',
            lower(utm_source) IN ('threads', 'threads.net', 'bluesky', 'bsky.app', 'mastodon'), lower(utm_source),
            lower(utm_medium) IN ('social', 'social-media', 'social_media', 'socialmedia', 'sm', 'organic_social', 'paid_social', 'paidsocial', 'social-paid', 'social_paid'), 'social',
            '') AS platform,
        toDate(at, {tz:String}) AS date,
        toFloat64(amount) AS given
    FROM donations
    WHERE org = {org:String}
      AND upper(currency) = upper((SELECT any(currency) FROM goal_organisations WHERE org = {org:String}))
)
WHERE platform != ''
  AND date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
