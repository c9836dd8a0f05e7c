-- kind: ratio
-- unit: percent
-- label_en: Share of posts with images or video
-- label_fr: Part des publications avec image ou vidéo
-- description_en: Posts with an image or video (photo, video, reel, carousel, story) divided by posts whose type is known. Denominator: posts with an image or video plus text and link posts; posts of unknown type (e.g. X posts) are left out of both.
-- description_fr: Publications avec image ou vidéo (photo, vidéo, reel, carrousel, story) divisées par les publications de type connu. Dénominateur : publications avec image ou vidéo plus publications texte et lien ; les publications de type inconnu (p. ex. sur X) sont exclues des deux.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform.
SELECT
    date,
    platform,
    toFloat64(countIf(type IN ('photo', 'video', 'reel', 'carousel', 'story', 'image', 'album'))) AS numerator,
    toFloat64(count()) AS denominator
FROM
(
    SELECT platform, type, toDate(published_at, {tz:String}) AS date
    FROM posts
    WHERE org = {org:String}
      AND (type IN ('photo', 'video', 'reel', 'carousel', 'story', 'image', 'album') OR type IN ('text', 'link', 'status'))
)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
