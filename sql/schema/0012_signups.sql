-- signups: one row per person, kind and campaign, as the newest export describes it.
CREATE VIEW IF NOT EXISTS signups AS
SELECT
    org,
    platform,
    kind,
    campaign,
    person_hash,
    argMax(at, version) AS at,
    argMax(channel, version) AS channel,
    argMax(source_file, version) AS source_file
FROM
(
    SELECT *
    FROM signups_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, kind, campaign, person_hash
