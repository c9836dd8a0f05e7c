-- kind: flow
-- unit: count
-- label_en: Shares
-- label_fr: Partages
-- description_en: Shares (reposts, retweets) of the posts published in the period, as of the latest export, counted on each post's publication day. No denominator.
-- description_fr: Partages (repartages, retweets) des publications parues dans la période, selon le dernier export, comptés le jour de publication de chaque publication. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. Posts whose export has no share count add nothing.
SELECT
    date,
    platform,
    sum(shared) AS numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT platform, account, post_id, toDate(published_at, {tz:String}) AS date
    FROM posts
    WHERE org = {org:String}
) AS p
ANY INNER JOIN
(
    SELECT platform, account, post_id, sum(value) AS shared
    FROM post_metrics
    WHERE org = {org:String}
      AND metric = 'shares'
    GROUP BY platform, account, post_id
) AS m USING (platform, account, post_id)
WHERE date >= {start:Date}
  AND date < {end:Date}
  AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
GROUP BY date, platform
ORDER BY date, platform
