-- kind: flow
-- unit: count
-- label_en: Posts with images or video
-- label_fr: Publications avec image ou vidéo
-- description_en: Posts whose type is photo, video, reel, carousel or story, counted on their publication day. No denominator.
-- description_fr: Publications de type photo, vidéo, reel, carrousel ou story, comptées le jour de leur publication. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform.
SELECT
    date,
    platform,
    toFloat64(count()) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT platform, toDate(published_at, {tz:String}) AS date
    FROM posts
    WHERE org = {org:String}
      AND type IN ('photo', 'video', 'reel', 'carousel', 'story', 'image', 'album')
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
