-- Where the gifts of a period [start, end) came from (calendar days in the organisation's
-- zone {tz:String}, as the donation KPIs count them): by UTM source and medium, lower-cased
-- ('' when the gift carries none), and currency. Amounts are never converted between
-- currencies.
-- Parameters: {org:String}, {start:Date}, {end:Date}, {tz:String}.
SELECT
    utm,
    medium,
    currency,
    count() AS gifts,
    sum(given) AS amount
FROM
(
    SELECT lower(utm_source) AS utm, lower(utm_medium) AS medium, upper(currency) AS currency, toFloat64(amount) AS given
    FROM donations
    WHERE org = {org:String}
      AND toDate(at, {tz:String}) >= {start:Date}
      AND toDate(at, {tz:String}) < {end:Date}
)
GROUP BY utm, medium, currency
ORDER BY currency, amount DESC, utm, medium
