-- kpi_definitions: the KPI library of each organisation's newest run.
CREATE VIEW IF NOT EXISTS kpi_definitions AS
SELECT org, kpi, kind, unit, label_en, label_fr, description_en, description_fr, origin, query, version
FROM kpi_definitions_log
WHERE (org, version) IN (SELECT org, max(version) FROM kpi_definitions_log GROUP BY org)
