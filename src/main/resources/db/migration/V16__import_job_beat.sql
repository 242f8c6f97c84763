-- A web import's sign of life, written every few seconds by the instance that runs (or queues) it, on the
-- database's clock; a queued or running import without one for a minute belongs to an instance that died and is
-- marked failed (AbandonedImports). Rows from before have none: they count from their start.
ALTER TABLE import_job ADD COLUMN beat TIMESTAMP WITH TIME ZONE;
