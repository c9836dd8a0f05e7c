-- The migrations already applied to this warehouse.
SELECT DISTINCT version FROM schema_migrations ORDER BY version
