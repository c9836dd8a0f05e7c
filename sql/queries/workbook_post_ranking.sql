-- The period's ten best posts by engagement rate (ranking 'rate') and the ten best by reach
-- ('reach'), for the workbook's Top posts sheet: both rankings from one pass over the posts
-- and their metrics, each post once per ranking, ten rows kept of each. A post's engagements
-- are the platform's own count where its export gives one, else its reactions, comments,
-- shares and saves added up (Instagram); NULL where the export has none of them. The
-- engagement rate is engagements divided by reach; only posts reaching at least
-- {min_reach:Float64} people are ranked by rate, so a post seen by three people cannot top
-- the list. Ties: the earlier post first.
-- Parameters: {org:String}, {start:DateTime}, {end:DateTime} (UTC), {min_reach:Float64}.
SELECT
    ranking,
    platform,
    account,
    post_id,
    published_at,
    type,
    title,
    permalink,
    reach,
    engagements,
    engagement_rate
FROM
(
    SELECT
        platform,
        account,
        post_id,
        published_at,
        type,
        title,
        permalink,
        reach,
        engagements,
        if(isNotNull(reach) AND isNotNull(engagements) AND assumeNotNull(reach) > 0,
            assumeNotNull(engagements) / assumeNotNull(reach), NULL) AS engagement_rate,
        arrayJoin(['rate', 'reach']) AS ranking
    FROM
    (
        SELECT platform, account, post_id, published_at, type, title, permalink
        FROM posts
        WHERE org = {org:String}
          AND published_at >= {start:DateTime}
          AND published_at < {end:DateTime}
    ) AS p
    ANY INNER JOIN
    (
        SELECT
            platform,
            account,
            post_id,
            if(countIf(metric = 'reach') > 0, sumIf(value, metric = 'reach'), NULL) AS reach,
            multiIf(
                countIf(metric = 'engagements') > 0, sumIf(value, metric = 'engagements'),
                countIf(metric IN ('reactions', 'comments', 'shares', 'saves')) > 0,
                    sumIf(value, metric IN ('reactions', 'comments', 'shares', 'saves')),
                NULL) AS engagements
        FROM post_metrics
        WHERE org = {org:String}
        GROUP BY platform, account, post_id
    ) AS m USING (platform, account, post_id)
)
WHERE if(ranking = 'reach',
        isNotNull(reach),
        isNotNull(reach) AND isNotNull(engagements) AND assumeNotNull(reach) >= {min_reach:Float64} AND assumeNotNull(reach) > 0)
ORDER BY
    ranking,
    if(ranking = 'reach', assumeNotNull(reach), assumeNotNull(engagements) / assumeNotNull(reach)) DESC,
    published_at ASC,
    post_id ASC
LIMIT 10 BY ranking
