-- The KPI library as each run used it: built-in KPIs (sql/kpis) and the organisation's own
-- (kpis/ next to goals.yaml), with their kind, unit, descriptions and SQL text.
CREATE TABLE IF NOT EXISTS kpi_definitions_log (
    org String,
    kpi String,
    kind String,
    unit String,
    label_en String,
    label_fr String,
    description_en String,
    description_fr String,
    origin String,
    query String,
    version UInt64,
    written_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY (org, version, kpi)
