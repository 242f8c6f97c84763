package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.SQLException;

import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.imports.DatasetRows.Answer;

/**
 * How {@link DatasetRows} sends answers, their texts and their scores to the database, a
 * batch at a time: JDBC batches of inserts on H2, {@code COPY … FROM STDIN} on PostgreSQL
 * (which parses and plans nothing per row, the cheapest way in).
 */
interface AnswerRows extends AutoCloseable {

	String SAMPLE_COLUMNS = "id, dataset_id, model_id, question_ref, file_id, source_line, paraphrase_no, "
			+ "system_prompt, condition_name, aligned, coherent, source_entry";

	/** An answer's text is stored apart from its row (see {@code AnswerTexts}). */
	String TEXT_COLUMNS = "sample_id, answer";

	String SCORE_COLUMNS = "sample_id, metric, score_value, judge_tokens, grade";

	/** Adds an answer, stored as {@code id} in the dataset, to the batch. */
	void add(long id, long datasetId, Answer answer) throws SQLException;

	/** Writes the batch. */
	void flush() throws SQLException;

	@Override
	void close() throws SQLException;

	static AnswerRows on(Connection connection) throws SQLException {
		return Database.postgres(connection) ? new CopiedAnswerRows(connection) : new BatchedAnswerRows(connection);
	}

}
