-- metrics_daily: one value per org, platform, account, date, metric and dimension, from files
-- that loaded completely; where exports overlap, the newest export's value. Plain SUM() over
-- this view is right after any sequence of ingests.
--
-- column org (String): the organisation
-- column platform (String): facebook, instagram, x, linkedin, youtube, web (Google Analytics), email (Mailchimp)
-- column account (String): the page, profile, channel, property or list the export is for
-- column date (Date): the day the value is for, in the platform's reporting zone
-- column metric (String): canonical metric name: reach, impressions, engagements, followers_new, sessions, users...
-- column dimension (String): '' for the account's total; else a breakdown (GA4 channel group such as 'Organic Social', a video...)
-- column value (Float64): the value for that day; a level such as followers_total is read on the last day, not summed
-- column source_file (String): sha256 of the export the value comes from (see ingested_files)
-- column ingested_at (DateTime('UTC')): when that export was loaded (UTC)
CREATE VIEW IF NOT EXISTS metrics_daily AS
SELECT
    org,
    platform,
    account,
    date,
    metric,
    dimension,
    argMax(value, version) AS value,
    argMax(source_file, version) AS source_file,
    argMax(ingested_at, version) AS ingested_at
FROM
(
    SELECT *
    FROM metrics_daily_store
    WHERE (org, source_file) IN (SELECT org, sha256 FROM ingested_files WHERE status = 'loaded')
)
GROUP BY org, platform, account, date, metric, dimension
