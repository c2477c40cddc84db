-- The floor of "smready compare COMPANY": the company, its two latest final
-- assessments (SQL_FINAL in src/store.c) and the answers of both.  :id,
-- the company's id, is set on the command line (smready finds the company
-- by name through an index; a scan of the names would slow the floor).
SELECT c.id, c.uuid, c.name, c.industry, c.contact, c.notes, c.created, c.archived, c.sample
 FROM companies c WHERE c.id = :id;
SELECT a.id, a.uuid, a.status, a.questionnaire, a.qversion, a.started, a.completed,
  a.updated, a.assessor, a.summary, a.overall, a.level, a.reopened, a.based_on
 FROM assessments a WHERE a.company_id = :id
  AND a.status = 1 ORDER BY a.completed DESC, a.id DESC LIMIT 2;
SELECT n.assessment_id, n.item_key, n.value, n.note, n.changed, n.carried FROM answers n
 WHERE n.assessment_id IN (SELECT a.id FROM assessments a
   WHERE a.company_id = :id AND a.status = 1
   ORDER BY a.completed DESC, a.id DESC LIMIT 2)
 ORDER BY n.assessment_id, n.item_key;
