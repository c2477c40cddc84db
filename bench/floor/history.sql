-- The floor of "smready history COMPANY" (and --json): the company by its id
-- (:id, set on the command line; smready finds it by name through an
-- index), then its assessments newest first (SQL_HISTORY in src/store.c).
SELECT c.id, c.uuid, c.name, c.industry, c.contact, c.notes, c.created, c.archived, c.sample
 FROM companies c WHERE c.id = :id;
SELECT a.id, a.uuid, a.company_id, a.status, a.questionnaire, a.qversion, a.started,
  a.completed, a.updated, a.assessor, a.summary, a.overall, a.level, a.reopened, a.based_on
 FROM assessments a WHERE a.company_id = :id
 ORDER BY a.started DESC, a.id DESC;
