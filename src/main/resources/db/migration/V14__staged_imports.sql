-- A new dataset is imported in many transactions while no reader can see it (status 'importing', hidden), and shown
-- in one short last one. import_beat is its importer's last sign of life, every few seconds: an import that gave none
-- for a while was killed, and what it wrote is removed (StagedImports).
ALTER TABLE dataset ADD COLUMN import_beat TIMESTAMP WITH TIME ZONE;
