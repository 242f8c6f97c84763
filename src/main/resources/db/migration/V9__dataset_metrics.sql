-- The metrics a dataset's answers were scored on, which the answers browser's export lists as columns: the
-- importer adds a dataset's new metrics here in its transaction, so no page scans every score to find them.
CREATE TABLE dataset_metric (
    dataset_id    BIGINT        NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    metric        VARCHAR(100)  NOT NULL,
    PRIMARY KEY (dataset_id, metric)
);

INSERT INTO dataset_metric (dataset_id, metric)
SELECT DISTINCT s.dataset_id, sc.metric FROM score sc JOIN sample s ON s.id = sc.sample_id;
