-- The floor of "smready export --all" (JSON with .mode json, CSV with .mode
-- csv): every answer with its assessment and company, in the export's
-- order -- the same rows the export writes.
SELECT c.uuid, c.name, c.industry, c.contact, c.notes, c.created, c.archived, c.sample,
  a.uuid, a.status, a.questionnaire, a.qversion, a.started, a.completed, a.updated,
  a.assessor, a.summary, a.overall, a.level, a.reopened, b.uuid,
  n.item_key, n.value, n.note, n.changed, n.carried
 FROM companies c
 JOIN assessments a ON a.company_id = c.id
 LEFT JOIN assessments b ON b.id = a.based_on
 JOIN answers n ON n.assessment_id = a.id
 ORDER BY c.sort_key, c.name_key, c.id, a.started, a.id, n.item_key;
