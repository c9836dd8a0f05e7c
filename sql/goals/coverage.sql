-- Data coverage of an organisation's sources over a period [start, asof): the days with data,
-- the missing days (listed) and the last date seen, so that a gap is reported as missing data
-- and never read as a drop. Two kinds of source:
--   daily   a platform's daily series (metrics_daily account totals), by platform and account:
--           a day without a row is missing;
--   files   exports of events (posts, donations, sign-ups), by connector: the days from the
--           first to the last event of the loaded files count as covered (a day without posts
--           is not missing); the days after the last one are missing (no newer export yet).
-- Parameters: {org:String}, {start:Date}, {end:Date}, {asof:Date}.
SELECT
    source_kind,
    platform,
    source,
    length(present) AS days_with_data,
    length(expected) AS days_expected,
    length(missing) AS missing_days,
    arrayStringConcat(arrayMap(d -> toString(d), missing), ',') AS missing_list,
    last_seen
FROM
(
    SELECT
        source_kind,
        platform,
        source,
        present,
        expected,
        -- Lambdas take every value as an argument (replicate), never a captured column:
        -- ClickHouse 18.16 does not see captured columns.
        arrayFilter((d, p) -> NOT has(p, d), expected, replicate(present, expected)) AS missing,
        last_seen
    FROM
    (
    SELECT
        source_kind,
        platform,
        source,
        arrayFilter(d -> d >= {start:Date} AND d < least({end:Date}, {asof:Date}), days_seen) AS present,
        arrayMap(i -> {start:Date} + i, range(toUInt32(greatest(0, least({end:Date}, {asof:Date}) - {start:Date})))) AS expected,
        last_seen
    FROM
    (
        SELECT
            'daily' AS source_kind,
            platform,
            account AS source,
            groupUniqArray(date) AS days_seen,
            max(date) AS last_seen
        FROM metrics_daily
        WHERE org = {org:String}
          AND dimension = ''
          AND date < {end:Date}
        GROUP BY platform, account

        UNION ALL

        SELECT source_kind, platform, source, days_seen, last_seen
        FROM
        (
            SELECT
                'files' AS source_kind,
                '' AS platform,
                connector AS source,
                arrayMap((i, f) -> f + i, range(toUInt32(last_day - first_day + 1)), replicate(first_day, range(toUInt32(last_day - first_day + 1)))) AS days_seen,
                last_day AS last_seen
            FROM
            (
                SELECT connector, min(date_min) AS first_day, max(date_max) AS last_day
                FROM ingested_files
                WHERE org = {org:String}
                  AND status = 'loaded'
                  AND date_max >= date_min
                  AND date_min < {end:Date}
                  AND (sha256 IN (SELECT source_file FROM posts_store WHERE org = {org:String})
                    OR sha256 IN (SELECT source_file FROM donations_store WHERE org = {org:String})
                    OR sha256 IN (SELECT source_file FROM signups_store WHERE org = {org:String}))
                GROUP BY connector
            )
        )
    )
)
)
ORDER BY source_kind, platform, source
