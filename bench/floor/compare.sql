-- The floor of "smready compare COMPANY": what a comparison reads from the
-- store -- the company, its two latest final assessments (SQL_FINAL in
-- src/store-int.h) and the answers of both, the company's history (the
-- trend over time), the events of both assessments, and the company's
-- action plan (what was planned and what became of it).  :id, the
-- company's id, is set on the command line (smready finds the company by
-- name through an index; a scan of the names would slow the floor).
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
SELECT a.id, a.uuid, a.status, a.started, a.completed, a.overall, a.level
 FROM assessments a WHERE a.company_id = :id ORDER BY a.started DESC, a.id DESC;
SELECT e.assessment_id, e.at, e.kind, e.detail FROM assessment_events e
 WHERE e.assessment_id IN (SELECT a.id FROM assessments a
   WHERE a.company_id = :id AND a.status = 1
   ORDER BY a.completed DESC, a.id DESC LIMIT 2)
 ORDER BY e.assessment_id, e.at, e.id;
SELECT t.id, t.uuid, t.number, t.title, t.owner, t.due, t.status, t.note, t.origin
 FROM actions t WHERE t.company_id = :id
 ORDER BY t.status >= 2, t.due = '', t.due, t.number;
