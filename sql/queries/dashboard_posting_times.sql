-- When to post: engagement of the posts published in [start, end) (calendar days in the
-- organisation's zone {tz:String}) by the weekday and hour they went out, in that zone.
-- Platforms differ in scale (a Facebook post gathers more than a post on X), so each post is
-- measured against its own platform's average over the same days: engagement_index is the
-- mean of (the post's engagements / its platform's engagements per post), 1 being an average
-- post and 1.5 half as much again. Only posts with engagements count (see
-- workbook_post_ranking.sql for how a post's engagements are read); emails are left out.
-- weekday: 1 = Monday ... 7 = Sunday; hour: 0 to 23.
-- Parameters: {org:String}, {start:Date}, {end:Date}, {tz:String}.
SELECT
    weekday,
    hour,
    count() AS posts,
    avg(engagements_value / platform_avg) AS engagement_index,
    avg(engagements_value) AS avg_engagements
FROM
(
    -- Each post with its platform's average, from one pass over the posts and their metrics:
    -- the posts are gathered by platform, averaged, and spread out again.
    SELECT platform_avg, post.1 AS weekday, post.2 AS hour, post.3 AS engagements_value
    FROM
    (
        SELECT platform, avg(engagements_value) AS platform_avg, groupArray((weekday, hour, engagements_value)) AS platform_posts
        FROM
        (
            SELECT platform, weekday, hour, engagements_value
            FROM
            (
                SELECT platform, account, post_id, toDayOfWeek(toDate(published_at, {tz:String})) AS weekday, toHour(published_at, {tz:String}) AS hour
                FROM posts
                WHERE org = {org:String}
                  AND platform != 'email'
                  AND type != 'email'
                  AND toDate(published_at, {tz:String}) >= {start:Date}
                  AND toDate(published_at, {tz:String}) < {end:Date}
            ) AS p
            ANY LEFT JOIN
            (
                SELECT
                    platform,
                    account,
                    post_id,
                    countIf(metric IN ('engagements', 'reactions', 'comments', 'shares', 'saves')) > 0 AS has_engagements,
                    if(countIf(metric = 'engagements') > 0, sumIf(value, metric = 'engagements'), sumIf(value, metric IN ('reactions', 'comments', 'shares', 'saves'))) AS engagements_value
                FROM post_metrics
                WHERE org = {org:String}
                GROUP BY platform, account, post_id
            ) AS m USING (platform, account, post_id)
            WHERE has_engagements
        )
        GROUP BY platform
    )
    ARRAY JOIN platform_posts AS post
)
WHERE platform_avg > 0
GROUP BY weekday, hour
ORDER BY weekday, hour
