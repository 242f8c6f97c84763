-- H2's own text index of the answers (see WordIndex): the importer writes it in the same transaction as the
-- answers, V13 fills it for answers stored before. PostgreSQL searches the GIN index of V8 and leaves it empty.

-- the cells (model × question × condition) of a dataset, numbered for word_answers
CREATE TABLE word_cell (
    dataset_id      BIGINT        NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    cell_no         INTEGER       NOT NULL,
    model_id        BIGINT        NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    question_ref    BIGINT        NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    condition_name  VARCHAR(100)  NOT NULL,
    PRIMARY KEY (dataset_id, cell_no)
);

-- per chunk of up to 65,536 answers (keyed by its first id), column by column: the answers' ids (increasing,
-- delta-encoded), cell numbers (2 or 4 bytes each), band slots (a byte each), and their aligned and coherent
-- scores as 8-byte doubles, read only when a filter needs exact scores
CREATE TABLE word_answers (
    dataset_id      BIGINT        NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    first_sample    BIGINT        NOT NULL,
    last_sample     BIGINT        NOT NULL,
    answers         INTEGER       NOT NULL,
    ids             BYTEA         NOT NULL,
    cells           BYTEA         NOT NULL,
    slots           BYTEA         NOT NULL,
    scores          BYTEA         NOT NULL,
    PRIMARY KEY (dataset_id, first_sample)
);

-- per word and chunk: the positions in the chunk of the answers that hold the word (delta-encoded)
CREATE TABLE word_postings (
    dataset_id      BIGINT        NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    word            VARCHAR(100)  NOT NULL,
    first_sample    BIGINT        NOT NULL,
    answers         INTEGER       NOT NULL,
    positions       BYTEA         NOT NULL,
    PRIMARY KEY (dataset_id, word, first_sample)
);
