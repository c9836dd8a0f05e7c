-- How the people who signed up in a period [start, end) heard of the organisation (calendar
-- days in the organisation's zone {tz:String}, as the sign-up KPIs count them): by kind
-- (newsletter, volunteer, member, event) and channel, lower-cased ('' when not asked or not
-- answered). One sign-up per person, kind and list or form, as in the signups view.
-- Parameters: {org:String}, {start:Date}, {end:Date}, {tz:String}.
SELECT
    kind,
    heard,
    count() AS signups
FROM
(
    SELECT kind, lower(channel) AS heard
    FROM signups
    WHERE org = {org:String}
      AND toDate(at, {tz:String}) >= {start:Date}
      AND toDate(at, {tz:String}) < {end:Date}
)
GROUP BY kind, heard
ORDER BY kind, signups DESC, heard
