-- Content performance: the posts of a period [start, end) (calendar days in the organisation's
-- zone {tz:String}, as the posts_published KPI counts them) by platform and post type, with
-- each post's lifetime metrics from the newest export. Emails are left out: they have opens
-- and clicks, not engagements.
--   engagements      a post's own engagements figure where its export gives one, otherwise its
--                    reactions, comments, shares and saves added up (what Instagram calls
--                    interactions); a post with none of these has no engagements (NULL, not 0)
--   avg_engagements  engagements per post, over the posts that have them
--   avg_reach        reach per post, over the posts that report reach
--   engagement_rate  engagements over reach, for the posts that report both
--   platform_avg_engagements  the platform's engagements per post over all its types
--   vs_platform      avg_engagements / platform_avg_engagements: 1.5 means half as much again
--                    as the platform's average post
-- Parameters: {org:String}, {start:Date}, {end:Date}, {tz:String}.
SELECT
    platform,
    type,
    posts,
    posts_with_engagements,
    if(posts_with_reach > 0, reach_sum, NULL) AS reach,
    if(posts_with_engagements > 0, engagements_sum, NULL) AS engagements,
    if(posts_with_reach > 0, reach_sum / posts_with_reach, NULL) AS avg_reach,
    if(posts_with_engagements > 0, engagements_sum / posts_with_engagements, NULL) AS avg_engagements,
    if(rate_reach > 0, rate_engagements / rate_reach, NULL) AS engagement_rate,
    if(platform_posts > 0, platform_engagements / platform_posts, NULL) AS platform_avg_engagements,
    if(posts_with_engagements > 0 AND platform_posts > 0 AND platform_engagements > 0,
        (engagements_sum / posts_with_engagements) / (platform_engagements / platform_posts), NULL) AS vs_platform
FROM
(
    SELECT
        platform,
        type,
        count() AS posts,
        countIf(has_reach) AS posts_with_reach,
        sumIf(reach_value, has_reach) AS reach_sum,
        countIf(has_engagements) AS posts_with_engagements,
        sumIf(engagements_value, has_engagements) AS engagements_sum,
        sumIf(reach_value, has_reach AND has_engagements) AS rate_reach,
        sumIf(engagements_value, has_reach AND has_engagements) AS rate_engagements
    FROM
    (
        SELECT platform, account, post_id, type
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
            countIf(metric = 'reach') > 0 AS has_reach,
            sumIf(value, metric = 'reach') AS reach_value,
            countIf(metric = 'engagements') > 0 AS has_own,
            countIf(metric IN ('reactions', 'comments', 'shares', 'saves')) > 0 AS has_parts,
            has_own OR has_parts AS has_engagements,
            if(has_own, sumIf(value, metric = 'engagements'), sumIf(value, metric IN ('reactions', 'comments', 'shares', 'saves'))) AS engagements_value
        FROM post_metrics
        WHERE org = {org:String}
        GROUP BY platform, account, post_id
    ) AS m USING (platform, account, post_id)
    GROUP BY platform, type
) AS t
ANY LEFT JOIN
(
    SELECT
        platform,
        countIf(has_engagements) AS platform_posts,
        sumIf(engagements_value, has_engagements) AS platform_engagements
    FROM
    (
        SELECT platform, account, post_id
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
            countIf(metric = 'engagements') > 0 AS has_own,
            countIf(metric IN ('reactions', 'comments', 'shares', 'saves')) > 0 AS has_parts,
            has_own OR has_parts AS has_engagements,
            if(has_own, sumIf(value, metric = 'engagements'), sumIf(value, metric IN ('reactions', 'comments', 'shares', 'saves'))) AS engagements_value
        FROM post_metrics
        WHERE org = {org:String}
        GROUP BY platform, account, post_id
    ) AS m USING (platform, account, post_id)
    GROUP BY platform
) AS a USING (platform)
ORDER BY platform, posts_with_engagements = 0, avg_engagements DESC, type
