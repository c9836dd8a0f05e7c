-- posts: one row per published item, as the newest export describes it.
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
