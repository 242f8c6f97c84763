package org.misalignment.dashboard.store.answers;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.store.QuestionSet;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answers two judges both scored, each with both judges' aligned and coherent scores,
 * for the judges page. An answer is scored by a judge when it has that judge's aligned
 * metric ({@code aligned}, or {@code aligned_X} for judge X), even without a value (the
 * judge answered CODE or REFUSAL). Read once, row by row in one pass (the score rows by
 * their primary key), and handed to a visitor: memory does not grow with answers.
 */
@Repository
public class JudgePairs {

	private final JdbcClient jdbc;

	JudgePairs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One answer both judges scored; {@code null} where a judge gave no score. */
	public record Pair(long id, String model, String group, String questionId, Double alignedA, Double coherentA,
			Double alignedB, Double coherentB) {
	}

	public interface Visitor {

		void pair(Pair pair);

	}

	/**
	 * Visits every answer of the dataset on these questions (and this condition, unless
	 * {@code null}) that both judges scored, each named by its metrics.
	 */
	public void forEach(long datasetId, String alignedA, String coherentA, String alignedB, String coherentB,
			QuestionSet questions, String condition, Visitor visitor) {
		StringBuilder sql = new StringBuilder("SELECT s.id, m.name, m.group_name, q.question_id, aa.score_value, "
				+ "ac.score_value, ba.score_value, bc.score_value FROM sample s "
				+ "JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "JOIN score aa ON aa.sample_id = s.id AND aa.metric = ? "
				+ "LEFT JOIN score ac ON ac.sample_id = s.id AND ac.metric = ? "
				+ "JOIN score ba ON ba.sample_id = s.id AND ba.metric = ? "
				+ "LEFT JOIN score bc ON bc.sample_id = s.id AND bc.metric = ? WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(alignedA, coherentA, alignedB, coherentB, datasetId));
		sql.append(questions.sql());
		parameters.addAll(questions.parameters());
		if (condition != null) {
			sql.append(" AND s.condition_name = ?");
			parameters.add(condition);
		}
		this.jdbc.sql(sql.toString())
			.withFetchSize(1000)
			.params(parameters)
			.query((RowCallbackHandler) (row) -> visitor.pair(new Pair(row.getLong(1), row.getString(2),
					row.getString(3), row.getString(4), score(row.getObject(5)), score(row.getObject(6)),
					score(row.getObject(7)), score(row.getObject(8)))));
	}

	private static Double score(Object value) {
		return (value == null) ? null : ((Number) value).doubleValue();
	}

}
