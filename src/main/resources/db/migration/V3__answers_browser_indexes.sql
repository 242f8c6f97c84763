-- The answers browser sorts a dataset's answers by a score and pages through them by (score, id): with these
-- indexes the database reads a page in order and stops, instead of sorting every answer of the dataset.
CREATE INDEX ix_sample_aligned ON sample (dataset_id, aligned, id);
CREATE INDEX ix_sample_coherent ON sample (dataset_id, coherent, id);
