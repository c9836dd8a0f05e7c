-- posts for one organisation, {org:String}: the view's rows for that organisation, with the
-- filter on org inside, before the GROUP BY that keeps the newest description (see
-- scoped.go). ingested_files below is itself read scoped.
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
    WHERE org = {org:String}
      AND (org, source_file) GLOBAL IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, post_id
