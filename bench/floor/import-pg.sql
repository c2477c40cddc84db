-- The floor of "smready import FILE" into an empty database on
-- PostgreSQL: psql loading the same rows with COPY from CSV files of the
-- file they were exported from (-v dir=DIR: companies.csv, ...), in one
-- transaction.  The count of final assessments is kept by the trigger, as
-- in the store.
\set ON_ERROR_STOP 1
BEGIN;
\set f :dir '/companies.csv'
COPY companies (id, uuid, name, name_key, industry, contact, notes, created, archived,
  sample, sort_key, alt_key, n_final) FROM :'f' WITH (FORMAT csv);
UPDATE companies SET n_final = 0;
\set f :dir '/assessments.csv'
COPY assessments (id, uuid, company_id, status, questionnaire, qversion, started,
  completed, updated, assessor, summary, overall, level, reopened, based_on)
 FROM :'f' WITH (FORMAT csv);
\set f :dir '/answers.csv'
COPY answers (assessment_id, item_key, value, note, changed, carried, who)
 FROM :'f' WITH (FORMAT csv);
\set f :dir '/assessment_events.csv'
COPY assessment_events (id, assessment_id, at, kind, detail, who) FROM :'f' WITH (FORMAT csv);
COMMIT;
