-- donations: one row per gift, as the newest export describes it.
CREATE VIEW IF NOT EXISTS donations AS
SELECT
    org,
    platform,
    donation_id,
    argMax(at, version) AS at,
    argMax(amount, version) AS amount,
    argMax(currency, version) AS currency,
    argMax(recurring, version) AS recurring,
    argMax(campaign, version) AS campaign,
    argMax(utm_source, version) AS utm_source,
    argMax(utm_medium, version) AS utm_medium,
    argMax(utm_campaign, version) AS utm_campaign,
    argMax(donor_hash, version) AS donor_hash,
    argMax(source_file, version) AS source_file
FROM
(
    SELECT *
    FROM donations_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, donation_id
