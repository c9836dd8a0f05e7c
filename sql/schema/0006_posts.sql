-- posts: one row per published item, as the newest export describes it.
--
-- column org (String): the organisation
-- column platform (String): facebook, instagram, x, youtube, email (Mailchimp campaigns)...
-- column account (String): the page, profile, channel or list that published it
-- column post_id (String): the platform's id of the item (text: ids exceed what a spreadsheet number holds)
-- column published_at (DateTime('UTC')): when it was published (UTC)
-- column type (String): photo, video, link, text, reel, story, carousel, post (X), email...
-- column title (String): its text, caption or subject line
-- column permalink (String): its address on the platform, or ''
-- column source_file (String): sha256 of the newest export describing it
-- column ingested_at (DateTime('UTC')): when that export was loaded (UTC)
CREATE VIEW IF NOT EXISTS posts AS
SELECT
    org,
    platform,
    account,
    post_id,
    argMax(published_at, version) AS published_at,
    argMax(type, version) AS type,
    argMax(title, version) AS title,
    argMax(permalink, version) AS permalink,
    argMax(source_file, version) AS source_file,
    argMax(ingested_at, version) AS ingested_at
FROM
(
    SELECT *
    FROM posts_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, post_id
