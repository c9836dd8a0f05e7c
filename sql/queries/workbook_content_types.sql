-- Content types ("posts with photos get more shares": measure it): for each platform,
-- account and post type, the period's posts, their average reach and engagements per post,
-- their engagement rate, and the same for all the account's posts of the period, for the
-- workbook's Content types sheet, its "what worked" line and the dashboard's content chart.
-- A post's engagements follow workbook_post_ranking.sql (the platform's count, else
-- reactions + comments + shares + saves; NULL, not 0, where the export has none of them).
-- The period's posts are those of workbook_post_ranking.sql too: {start} and {end} are the
-- organisation's local midnights in UTC, so a post belongs to the calendar day of the
-- organisation's zone, as the posts_published KPI counts it. Emails are left out: they have
-- opens and clicks, not engagements, and would only drag the account's average down.
--   avg_reach, avg_engagements  over the type's posts whose export gives the metric (NULL: none)
--   engagement_rate             engagements / reach over its posts that give both
--   vs_account                  avg_engagements / the account's avg_engagements (1.5: 50 % more
--                               engagements per post than the account's average)
-- Parameters: {org:String}, {start:DateTime}, {end:DateTime} (UTC).
SELECT
    platform,
    account,
    type,
    posts,
    avg_reach,
    avg_engagements,
    engagement_rate,
    account_posts,
    account_avg_engagements,
    account_engagement_rate,
    if(isNotNull(avg_engagements) AND isNotNull(account_avg_engagements) AND assumeNotNull(account_avg_engagements) > 0,
        assumeNotNull(avg_engagements) / assumeNotNull(account_avg_engagements), NULL) AS vs_account
FROM
(
    SELECT
        platform,
        account,
        type,
        count() AS posts,
        if(countIf(isNotNull(reach)) > 0, sumIf(assumeNotNull(reach), isNotNull(reach)) / countIf(isNotNull(reach)), NULL) AS avg_reach,
        if(countIf(isNotNull(engagements)) > 0, sumIf(assumeNotNull(engagements), isNotNull(engagements)) / countIf(isNotNull(engagements)), NULL) AS avg_engagements,
        if(sumIf(assumeNotNull(reach), isNotNull(reach) AND isNotNull(engagements)) > 0,
            sumIf(assumeNotNull(engagements), isNotNull(reach) AND isNotNull(engagements))
                / sumIf(assumeNotNull(reach), isNotNull(reach) AND isNotNull(engagements)), NULL) AS engagement_rate
    FROM
    (
        SELECT platform, account, post_id, type, reach, engagements
        FROM
        (
            SELECT platform, account, post_id, type
            FROM posts
            WHERE org = {org:String}
              AND platform != 'email'
              AND type != 'email'
              AND published_at >= {start:DateTime}
              AND published_at < {end:DateTime}
        ) AS p
        ANY LEFT JOIN
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
    GROUP BY platform, account, type
) AS t
ANY LEFT JOIN
(
    SELECT
        platform,
        account,
        count() AS account_posts,
        if(countIf(isNotNull(engagements)) > 0, sumIf(assumeNotNull(engagements), isNotNull(engagements)) / countIf(isNotNull(engagements)), NULL) AS account_avg_engagements,
        if(sumIf(assumeNotNull(reach), isNotNull(reach) AND isNotNull(engagements)) > 0,
            sumIf(assumeNotNull(engagements), isNotNull(reach) AND isNotNull(engagements))
                / sumIf(assumeNotNull(reach), isNotNull(reach) AND isNotNull(engagements)), NULL) AS account_engagement_rate
    FROM
    (
        SELECT platform, account, post_id, reach, engagements
        FROM
        (
            SELECT platform, account, post_id
            FROM posts
            WHERE org = {org:String}
              AND platform != 'email'
              AND type != 'email'
              AND published_at >= {start:DateTime}
              AND published_at < {end:DateTime}
        ) AS p
        ANY LEFT JOIN
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
    GROUP BY platform, account
) AS a USING (platform, account)
ORDER BY platform, account, posts DESC, type
