-- Donations as loaded, append-only. The donor is a salted hash, never a name or an email.
CREATE TABLE IF NOT EXISTS donations_store (
    org String,
    platform String,
    donation_id String,
    at DateTime('UTC'),
    amount Decimal(18, 2),
    currency String,
    recurring UInt8,
    campaign String,
    utm_source String,
    utm_medium String,
    utm_campaign String,
    donor_hash String,
    source_file String,
    source_row UInt32,
    version UInt64,
    ingested_at DateTime('UTC')
) ENGINE = MergeTree() PARTITION BY toYYYYMM(at) ORDER BY (org, platform, donation_id)
