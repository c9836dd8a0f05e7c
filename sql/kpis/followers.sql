-- kind: stock
-- unit: count
-- label_en: Followers
-- label_fr: Abonnés
-- description_en: Followers at the end of each day: the platform's own total where an export gives one, otherwise the count staff recorded on a day (goals.yaml baselines) plus the new followers since. A stock: a period shows its last day. No denominator.
-- description_fr: Abonnés à la fin de chaque jour : le total de la plateforme quand un export le donne, sinon le nombre relevé un jour donné (goals.yaml, baselines) plus les nouveaux abonnés depuis. Un stock : une période montre son dernier jour. Pas de dénominateur.
-- Parameters: {org:String}, {start:Date}, {end:Date} (exclusive), {platforms:Array(String)}
-- (empty = all), {tz:String}. One row per day and platform. A platform with neither a total nor a baseline
-- has no rows: its audience is unknown, not zero.
SELECT
    date,
    platform,
    numerator,
    toFloat64(0) AS denominator
FROM
(
    SELECT
        date,
        platform,
        sum(value) AS numerator
    FROM metrics_daily
    WHERE org = {org:String}
      AND metric = 'followers_total'
      AND dimension = ''
      AND date >= {start:Date}
      AND date < {end:Date}
      AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
    GROUP BY date, platform

    UNION ALL

    SELECT
        day AS date,
        platform,
        base + running - at_base AS numerator
    FROM
    (
        SELECT
            platform,
            days,
            amounts,
            base,
            -- Lambdas take every value as an argument (replicate), never a captured column:
            -- ClickHouse 18.16 does not see captured columns.
            arraySum(arrayFilter((v, d, b) -> d <= b, amounts, days, replicate(base_date, days))) AS at_base
        FROM
        (
            SELECT
                platform,
                arraySort(groupArray(day)) AS days,
                arraySort((v, d) -> d, groupArray(amount), groupArray(day)) AS amounts
            FROM
            (
                SELECT platform, day, sum(amount) AS amount
                FROM
                (
                    SELECT platform, date AS day, value AS amount
                    FROM metrics_daily
                    WHERE org = {org:String}
                      AND metric = 'followers_new'
                      AND dimension = ''
                    UNION ALL
                    SELECT platform, date AS day, toFloat64(0) AS amount
                    FROM goal_baselines
                    WHERE org = {org:String}
                      AND metric = 'followers'
                )
                GROUP BY platform, day
            )
            GROUP BY platform
        ) AS s
        ANY INNER JOIN
        (
            SELECT platform, value AS base, date AS base_date
            FROM goal_baselines
            WHERE org = {org:String}
              AND metric = 'followers'
        ) AS b USING (platform)
        WHERE platform NOT IN
            (SELECT platform FROM metrics_daily WHERE org = {org:String} AND metric = 'followers_total' AND dimension = '')
          AND (empty({platforms:Array(String)}) OR has(CAST({platforms:Array(String)} AS Array(String)), platform))
    )
    ARRAY JOIN days AS day, arrayCumSum(amounts) AS running
    WHERE day >= {start:Date}
      AND day < {end:Date}
)
ORDER BY date, platform
