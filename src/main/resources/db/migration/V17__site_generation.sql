-- A number that grows with every change a visitor could see (an import, a dataset hidden, shown or deleted, a
-- reviewer's flag). Public pages carry it in their ETag (system.PublicCaching), so a cached page is revalidated
-- with one read of this row instead of being computed again. One row, id 1.
CREATE TABLE site_generation (
    id INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO site_generation (id, generation) VALUES (1, 0);
