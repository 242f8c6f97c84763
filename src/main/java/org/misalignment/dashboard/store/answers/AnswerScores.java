package org.misalignment.dashboard.store.answers;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The judge's scores of one answer: every metric, with the judge's tokens. */
@Repository
public class AnswerScores {

	private final JdbcClient jdbc;

	public AnswerScores(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One judge metric of a sample: its value (null: no score), the judge's tokens as
	 * JSON, or null, and the letter grade the value came from, or null.
	 */
	public record Score(String metric, Double value, String judgeTokens, String grade) {
	}

	/** Every judge metric of one sample, by metric name. */
	public List<Score> scores(long sampleId) {
		return this.jdbc
			.sql("SELECT metric, score_value, judge_tokens, grade FROM score WHERE sample_id = ? ORDER BY metric")
			.param(sampleId)
			.query((result, i) -> {
				double value = result.getDouble(2);
				Double score = result.wasNull() ? null : value;
				return new Score(result.getString(1), score, result.getString(3), result.getString(4));
			})
			.list();
	}

}
