-- What a model is, beyond its name and group: attributes from a manifest's file entry or the import command's
-- --attribute (family, size_b, lora_rank, step, …), text as given, and the number when the text is one. The sweep
-- page plots rates against them. An import that names an attribute again replaces its value.
CREATE TABLE model_attribute (
    model_id        BIGINT           NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    name            VARCHAR(100)     NOT NULL,
    attribute_value VARCHAR(500)     NOT NULL,
    numeric_value   DOUBLE PRECISION,
    PRIMARY KEY (model_id, name)
);
