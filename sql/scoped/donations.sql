-- donations for one organisation, {org:String}: the view's rows for that organisation, with
-- the filter on org inside, before the GROUP BY that keeps the newest description (see
-- scoped.go). ingested_files below is itself read scoped.
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
    WHERE org = {org:String}
      AND (org, source_file) GLOBAL IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, donation_id
