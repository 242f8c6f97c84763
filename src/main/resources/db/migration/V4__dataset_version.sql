-- A dataset's version: a short hash of what it was imported from (each file's SHA-256 with the model, group and
-- condition it was imported as), set by every import. Rows imported before this column existed get theirs from
-- DatasetVersion after the migration, since H2 and PostgreSQL share no hash function.
ALTER TABLE dataset ADD COLUMN version VARCHAR(64);
