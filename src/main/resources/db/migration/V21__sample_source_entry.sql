-- Where in its file an answer came from, beside its line: the archive entry of an Inspect .eval log
-- (samples/12_epoch_1.json), shown as FILE!ENTRY. Null for every other format, whose line says it all.
ALTER TABLE sample ADD COLUMN source_entry VARCHAR(500);
