-- kpi_definitions for one organisation, {org:String}: the view's rows for that organisation, with the
-- filter on org inside, before the newest snapshot is chosen (see scoped.go).
SELECT org, kpi, kind, unit, label_en, label_fr, description_en, description_fr, origin, query, version
FROM kpi_definitions_log
WHERE org = {org:String}
  AND (org, version) GLOBAL IN (SELECT org, max(version) FROM kpi_definitions_log WHERE org = {org:String} GROUP BY org)
