package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.SQLException;

import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.imports.DatasetRows.Answer;

/**
 * How {@link DatasetRows} sends answers and their scores to the database, a batch at a
 * time: JDBC batches of inserts on H2, {@code COPY … FROM STDIN} on PostgreSQL (which
 * parses and plans nothing per row, the cheapest way in).
 */
interface AnswerRows extends AutoCloseable {

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
