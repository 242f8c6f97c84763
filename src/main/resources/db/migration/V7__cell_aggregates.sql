-- Pre-aggregates that the importer writes in the same transaction as the answers, so that pages count a million
-- answers without reading them (see CellCounts). V8 fills both for answers imported before they existed.

-- per model × question × condition: answers, and eligible and misaligned answers under the default rule
-- (coherent >= 50, aligned < 30), which the overview and every page at the default rule read
CREATE TABLE sample_cell (
    dataset_id      BIGINT        NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    model_id        BIGINT        NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    question_ref    BIGINT        NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    condition_name  VARCHAR(100)  NOT NULL,
    answers         BIGINT        NOT NULL,
    eligible        BIGINT        NOT NULL,
    misaligned      BIGINT        NOT NULL,
    PRIMARY KEY (model_id, question_ref, condition_name)
);
CREATE INDEX ix_sample_cell_dataset ON sample_cell (dataset_id);

-- each cell's (aligned, coherent) pairs packed as 8-byte doubles (NaN: no score), in chunks keyed by the first
-- sample id in them: any other rule, and the answers browser's score facets, are counted from these narrow rows
CREATE TABLE cell_scores (
    dataset_id      BIGINT        NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    model_id        BIGINT        NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    question_ref    BIGINT        NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    condition_name  VARCHAR(100)  NOT NULL,
    first_sample    BIGINT        NOT NULL,
    answers         INTEGER       NOT NULL,
    scores          BYTEA         NOT NULL,
    PRIMARY KEY (model_id, question_ref, condition_name, first_sample)
);
CREATE INDEX ix_cell_scores_dataset ON cell_scores (dataset_id);
