-- The floor of "smready report REF": what a report reads from the store --
-- the assessment (:uuid, set on the command line), its company, its answers
-- and events, the company's history, the answers and events of the final
-- assessment before it (the "since last time" part), and the company's
-- action plan.
SELECT a.id, a.uuid, a.company_id, a.status, a.questionnaire, a.qversion, a.started,
  a.completed, a.updated, a.assessor, a.summary, a.overall, a.level, a.reopened, a.based_on
 FROM assessments a WHERE a.uuid = :uuid;
SELECT c.id, c.uuid, c.name, c.industry, c.contact, c.notes, c.created, c.archived, c.sample
 FROM companies c WHERE c.id = (SELECT company_id FROM assessments WHERE uuid = :uuid);
SELECT item_key, value, note, changed, carried FROM answers
 WHERE assessment_id = (SELECT id FROM assessments WHERE uuid = :uuid) ORDER BY item_key;
SELECT at, kind, detail FROM assessment_events
 WHERE assessment_id = (SELECT id FROM assessments WHERE uuid = :uuid) ORDER BY at, id;
SELECT a.id, a.uuid, a.status, a.started, a.completed, a.overall, a.level
 FROM assessments a WHERE a.company_id = (SELECT company_id FROM assessments WHERE uuid = :uuid)
 ORDER BY a.started DESC, a.id DESC;
SELECT item_key, value, note, changed, carried FROM answers WHERE assessment_id =
 (SELECT p.id FROM assessments p, assessments b WHERE b.uuid = :uuid
   AND p.company_id = b.company_id AND p.status = 1
   AND (p.started, p.id) < (b.started, b.id) ORDER BY p.started DESC, p.id DESC LIMIT 1)
 ORDER BY item_key;
SELECT at, kind, detail FROM assessment_events WHERE assessment_id =
 (SELECT p.id FROM assessments p, assessments b WHERE b.uuid = :uuid
   AND p.company_id = b.company_id AND p.status = 1
   AND (p.started, p.id) < (b.started, b.id) ORDER BY p.started DESC, p.id DESC LIMIT 1)
 ORDER BY at, id;
SELECT t.id, t.uuid, t.number, t.title, t.owner, t.due, t.status, t.note, t.origin
 FROM actions t WHERE t.company_id = (SELECT company_id FROM assessments WHERE uuid = :uuid)
 ORDER BY t.status >= 2, t.due = '', t.due, t.number;
