-- The floor of "smready import FILE" into an empty database: a bulk
-- INSERT ... SELECT of the same rows from the database the file was
-- exported from (:src, set on the command line), in one transaction, with
-- the store's settings (foreign keys, WAL, synchronous = FULL).
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
ATTACH :src AS s;
BEGIN;
INSERT INTO companies (id, uuid, name, name_key, industry, contact, notes, created,
  archived, sample, sort_key, alt_key)
 SELECT id, uuid, name, name_key, industry, contact, notes, created, archived, sample,
  sort_key, alt_key FROM s.companies;
INSERT INTO assessments SELECT * FROM s.assessments ORDER BY id;
INSERT INTO answers SELECT * FROM s.answers;
INSERT INTO assessment_events (assessment_id, at, kind, detail)
 SELECT assessment_id, at, kind, detail FROM s.assessment_events;
COMMIT;
