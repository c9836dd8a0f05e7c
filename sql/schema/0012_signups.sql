-- signups, first version: replaced by 0035_signups.sql, which breaks ties between rows of
-- equal version deterministically. Kept as it was so that existing warehouses migrate in order.
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
