package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

import org.misalignment.dashboard.store.imports.DatasetRows.Answer;

/** Answers and their scores as JDBC batches of inserts (see {@link AnswerRows}). */
final class BatchedAnswerRows implements AnswerRows {

	private final PreparedStatement sampleInsert;

	private final PreparedStatement textInsert;

	private final PreparedStatement scoreInsert;

	BatchedAnswerRows(Connection connection) throws SQLException {
		this.sampleInsert = connection.prepareStatement(
				"INSERT INTO sample (" + SAMPLE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		this.textInsert = connection.prepareStatement("INSERT INTO answer_text (" + TEXT_COLUMNS + ") VALUES (?, ?)");
		this.scoreInsert = connection
			.prepareStatement("INSERT INTO score (" + SCORE_COLUMNS + ") VALUES (?, ?, ?, ?, ?)");
	}

	@Override
	public void add(long id, long datasetId, Answer answer) throws SQLException {
		PreparedStatement sample = this.sampleInsert;
		sample.setLong(1, id);
		sample.setLong(2, datasetId);
		sample.setLong(3, answer.model());
		sample.setLong(4, answer.question());
		sample.setLong(5, answer.file());
		sample.setLong(6, answer.line());
		sample.setInt(7, answer.paraphrase());
		sample.setString(8, answer.system());
		sample.setString(9, answer.condition());
		setScore(sample, 10, answer.scores().get("aligned"));
		setScore(sample, 11, answer.scores().get("coherent"));
		sample.setString(12, answer.entry());
		sample.addBatch();
		this.textInsert.setLong(1, id);
		this.textInsert.setString(2, answer.text());
		this.textInsert.addBatch();
		PreparedStatement score = this.scoreInsert;
		for (Map.Entry<String, Double> metric : answer.scores().entrySet()) {
			score.setLong(1, id);
			score.setString(2, metric.getKey());
			setScore(score, 3, metric.getValue());
			score.setString(4, answer.judgeTokens().get(metric.getKey()));
			score.setString(5, answer.grades().get(metric.getKey()));
			score.addBatch();
		}
	}

	@Override
	public void flush() throws SQLException {
		this.sampleInsert.executeBatch();
		this.textInsert.executeBatch();
		this.scoreInsert.executeBatch();
	}

	@Override
	public void close() throws SQLException {
		this.sampleInsert.close();
		this.textInsert.close();
		this.scoreInsert.close();
	}

	private static void setScore(PreparedStatement statement, int index, Double value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.DOUBLE);
		}
		else {
			statement.setDouble(index, value);
		}
	}

}
