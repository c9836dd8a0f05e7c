-- signups for one organisation, {org:String}: the view's rows for that organisation, with the
-- filter on org inside, before the GROUP BY that keeps each person's row from the newest
-- export (see scoped.go). ingested_files below is itself read scoped.
SELECT
    org,
    platform,
    kind,
    campaign,
    person_hash,
    argMax(at, rank) AS at,
    argMax(channel, rank) AS channel,
    argMax(source_file, rank) AS source_file
FROM
(
    SELECT org, platform, kind, campaign, person_hash, at, channel, source_file,
        (version, source_file, 4294967295 - source_row) AS rank
    FROM signups_store
    WHERE org = {org:String}
      AND (org, source_file) GLOBAL IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, kind, campaign, person_hash
