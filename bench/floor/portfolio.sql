-- The floor of "smready companies" (and --json): the store's portfolio
-- query (SQL_PORTFOLIO in src/store-int.h) with the same parameters.
.parameter set :all 0
.parameter set :today "'2026-12-01'"
SELECT c.id, c.uuid, c.name, c.industry, c.contact, c.notes, c.created, c.archived, c.sample,
  c.n_final, l.id, l.completed, l.overall, l.level, p.id, p.overall, p.level, d.id, d.updated,
  (SELECT count(*) FROM actions t WHERE t.company_id = c.id AND t.status < 2),
  (SELECT count(*) FROM actions t WHERE t.company_id = c.id AND t.status < 2
    AND t.due > '' AND t.due < :today)
 FROM companies c
 LEFT JOIN assessments l ON l.id = (SELECT x.id FROM assessments x
   WHERE x.company_id = c.id AND x.status = 1
   ORDER BY x.completed DESC, x.id DESC LIMIT 1)
 LEFT JOIN assessments p ON p.id = (SELECT x.id FROM assessments x
   WHERE x.company_id = c.id AND x.status = 1
   ORDER BY x.completed DESC, x.id DESC LIMIT 1 OFFSET 1)
 LEFT JOIN assessments d ON d.id = (SELECT x.id FROM assessments x
   WHERE x.company_id = c.id AND x.status = 0
   ORDER BY x.completed DESC, x.id DESC LIMIT 1)
 WHERE :all OR c.archived = 0
 ORDER BY c.sort_key, c.name_key, c.id;
