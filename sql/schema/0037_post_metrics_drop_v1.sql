-- The first post_metrics view (0008) read post_metrics_store only; 0038 recreates it over
-- post_metric_sets_store as well. DROP TABLE, not DROP VIEW: ClickHouse 18.16 knows only the
-- first, and it drops views too.
DROP TABLE IF EXISTS post_metrics
