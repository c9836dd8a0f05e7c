-- Sign-ups (newsletter, volunteer, member, event) as loaded, append-only. The person is a
-- salted hash; the campaign is the list, form or event signed up to.
CREATE TABLE IF NOT EXISTS signups_store (
    org String,
    platform String,
    kind String,
    campaign String,
    person_hash String,
    at DateTime('UTC'),
    channel String,
    source_file String,
    source_row UInt32,
    version UInt64,
    ingested_at DateTime('UTC')
) ENGINE = MergeTree() PARTITION BY toYYYYMM(at) ORDER BY (org, platform, kind, campaign, person_hash)
