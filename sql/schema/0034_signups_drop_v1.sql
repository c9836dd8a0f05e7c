-- The first signups view (0012) picked among rows of equal version arbitrarily, so a person
-- listed twice in one export could count on either day; 0035 recreates it with a fixed order.
-- DROP TABLE, not DROP VIEW: ClickHouse 18.16 knows only the first, and it drops views too.
DROP TABLE IF EXISTS signups
