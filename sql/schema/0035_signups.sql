-- signups: one row per person, kind and campaign, as the newest export describes it; when
-- an export lists the same person twice (a form filled in twice), its first row counts.
--
-- column org (String): the organisation
-- column platform (String): the tool the export came from: mailchimp, eventbrite, google-forms...
-- column kind (String): newsletter, volunteer, member or event
-- column campaign (String): the list, form or event signed up to
-- column person_hash (String): salted hash of the person: counts people, names nobody
-- column at (DateTime('UTC')): when they signed up (UTC)
-- column channel (String): how they heard of the organisation (facebook, instagram, email, word_of_mouth...), or ''
-- column source_file (String): sha256 of the newest export describing the sign-up
CREATE VIEW IF NOT EXISTS signups AS
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
    -- The newest export first; between exports of equal version a fixed order (the file's
    -- hash), and within one export its first row.
    SELECT org, platform, kind, campaign, person_hash, at, channel, source_file,
        (version, source_file, 4294967295 - source_row) AS rank
    FROM signups_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, kind, campaign, person_hash
