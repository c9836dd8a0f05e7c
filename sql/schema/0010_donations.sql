-- donations: one row per gift, as the newest export describes it.
--
-- column org (String): the organisation
-- column platform (String): the donation platform the export came from, e.g. stripe
-- column donation_id (String): the platform's id of the gift
-- column at (DateTime('UTC')): when the gift was made (UTC)
-- column amount (Decimal(18, 2)): the amount, in currency
-- column currency (String): ISO 4217 code, e.g. EUR
-- column recurring (UInt8): 1 for a regular gift, 0 for a one-off
-- column campaign (String): the platform's campaign or form
-- column utm_source (String): UTM source of the visit that led to the gift, e.g. facebook, instagram, newsletter, or ''
-- column utm_medium (String): UTM medium, e.g. social, email, cpc, or ''
-- column utm_campaign (String): UTM campaign, or ''
-- column donor_hash (String): salted hash of the donor: counts repeat donors, names nobody
-- column source_file (String): sha256 of the newest export describing the gift
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
