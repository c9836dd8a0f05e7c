-- The period's posts with the most engagements (ties: the earlier post first). A post whose
-- export has no reach or engagements shows NULL there, never 0.
SELECT
    platform,
    post_id,
    published_at,
    type,
    title,
    permalink,
    reach,
    engagements
FROM
(
    SELECT platform, account, post_id, published_at, type, title, permalink
    FROM posts
    WHERE org = {org:String}
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
        if(countIf(metric = 'engagements') > 0, sumIf(value, metric = 'engagements'), NULL) AS engagements
    FROM post_metrics
    WHERE org = {org:String}
    GROUP BY platform, account, post_id
) AS m USING (platform, account, post_id)
ORDER BY engagements DESC, published_at ASC, post_id ASC
LIMIT 10
