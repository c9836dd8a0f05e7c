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
    if(n_reach > 0, s_reach / n_reach, NULL) AS avg_reach,
    if(n_eng > 0, s_eng / n_eng, NULL) AS avg_engagements,
    if(s_reach_both > 0, s_eng_both / s_reach_both, NULL) AS engagement_rate,
    account_posts,
    if(a_n_eng > 0, a_s_eng / a_n_eng, NULL) AS account_avg_engagements,
    if(a_s_reach_both > 0, a_s_eng_both / a_s_reach_both, NULL) AS account_engagement_rate,
    if(n_eng > 0 AND a_n_eng > 0 AND a_s_eng > 0, (s_eng / n_eng) / (a_s_eng / a_n_eng), NULL) AS vs_account
FROM
(
    -- The account's figures are the sums of its types' (one pass over the posts and their
    -- metrics): the types are gathered by account, summed, and spread out again.
    SELECT
        platform,
        account,
        t.1 AS type, t.2 AS posts, t.3 AS n_reach, t.4 AS s_reach, t.5 AS n_eng, t.6 AS s_eng, t.7 AS s_reach_both, t.8 AS s_eng_both,
        account_posts, a_n_eng, a_s_eng, a_s_reach_both, a_s_eng_both
    FROM
    (
        SELECT
            platform,
            account,
            sum(posts) AS account_posts,
            sum(n_eng) AS a_n_eng,
            sum(s_eng) AS a_s_eng,
            sum(s_reach_both) AS a_s_reach_both,
            sum(s_eng_both) AS a_s_eng_both,
            groupArray((type, posts, n_reach, s_reach, n_eng, s_eng, s_reach_both, s_eng_both)) AS types
        FROM
        (
            -- Per type: its posts, and over those that give them, the count and sum of reach
            -- and of engagements, and the sums of both over the posts that give both.
            SELECT
                platform,
                account,
                type,
                count() AS posts,
                countIf(isNotNull(reach)) AS n_reach,
                sumIf(assumeNotNull(reach), isNotNull(reach)) AS s_reach,
                countIf(isNotNull(engagements)) AS n_eng,
                sumIf(assumeNotNull(engagements), isNotNull(engagements)) AS s_eng,
                sumIf(assumeNotNull(reach), isNotNull(reach) AND isNotNull(engagements)) AS s_reach_both,
                sumIf(assumeNotNull(engagements), isNotNull(reach) AND isNotNull(engagements)) AS s_eng_both
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
        )
        GROUP BY platform, account
    )
    ARRAY JOIN types AS t
)
ORDER BY platform, account, posts DESC, type
