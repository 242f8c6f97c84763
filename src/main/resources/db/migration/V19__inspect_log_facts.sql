-- What Inspect logs say beyond answers and scores. A score that came from a letter grade (C, P, I or N) keeps
-- its letter beside the number it maps to. A file that is an Inspect log keeps its task, the Inspect version
-- that wrote it, its status and its eval id. All nullable: other formats have none of them.
ALTER TABLE score ADD COLUMN grade VARCHAR(20);
ALTER TABLE dataset_file ADD COLUMN task VARCHAR(300);
ALTER TABLE dataset_file ADD COLUMN inspect_version VARCHAR(40);
ALTER TABLE dataset_file ADD COLUMN log_status VARCHAR(40);
ALTER TABLE dataset_file ADD COLUMN eval_id VARCHAR(100);
