package org.misalignment.dashboard.store.answers;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.AnswerTexts;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answers of one question, as the question page shows them: a bounded sample of their
 * scores for the scatter plot and the latest few in full. Nothing here reads more rows
 * than it returns, except the count.
 */
@Repository
public class QuestionAnswers {

	/**
	 * The most points the scatter plot shows; more answers are thinned to every k-th by
	 * id.
	 */
	public static final int MAX_POINTS = 2000;

	private final JdbcClient jdbc;

	private final Database database;

	QuestionAnswers(JdbcClient jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	/**
	 * The table of a question's answers: on H2 with the index by question (V10), which
	 * holds every column these queries read, so that H2 reads no answer's row for them
	 * (it would otherwise take the narrower index of the foreign key and read each row);
	 * PostgreSQL chooses from its statistics.
	 */
	private String sample() {
		return this.database.postgres() ? "sample s" : "sample s USE INDEX (ix_sample_by_question)";
	}

	public record Point(long id, double aligned, double coherent) {
	}

	/**
	 * @param points what the plot shows
	 * @param scored answers with both an aligned and a coherent score (the ones a plot
	 * can show)
	 * @param answers every answer
	 * @param stride every how many scored answers one is shown (1: all)
	 */
	public record Scatter(List<Point> points, long scored, long answers, long stride) {
	}

	public record Card(long id, String model, String group, String condition, String answer, boolean truncated,
			Double aligned, Double coherent) {
	}

	/**
	 * Every k-th scored answer in id order, k chosen so that at most {@link #MAX_POINTS}
	 * remain. Under {@code judge=X} the scores are judge X's and the answers those X
	 * scored ({@link RuleSql#judgeScored}).
	 */
	public Scatter scatter(long questionRef, String condition, int maxPoints, Rule rule) {
		String where = " FROM " + sample() + RuleSql.judgeJoins(rule) + " WHERE s.question_ref = ?"
				+ (condition != null ? " AND s.condition_name = ?" : "") + RuleSql.judgeScored(rule);
		Object[] parameters = condition != null ? new Object[] { questionRef, condition }
				: new Object[] { questionRef };
		long[] counts = this.jdbc.sql(RuleSql.judged(
				"SELECT COUNT(*), "
						+ "SUM(CASE WHEN s.aligned IS NOT NULL AND s.coherent IS NOT NULL THEN 1 ELSE 0 END)" + where,
				rule))
			.params(parameters)
			.query((row, i) -> new long[] { row.getLong(1), row.getLong(2) })
			.single();
		long answers = counts[0];
		long scored = counts[1];
		if (scored == 0) {
			return new Scatter(List.of(), 0, answers, 1);
		}
		long stride = (scored + maxPoints - 1) / maxPoints;
		List<Point> points = this.jdbc
			.sql(RuleSql.judged("SELECT id, aligned, coherent FROM (SELECT s.id, s.aligned AS aligned, "
					+ "s.coherent AS coherent, ROW_NUMBER() OVER (ORDER BY s.id) AS row_no" + where
					+ " AND s.aligned IS NOT NULL AND s.coherent IS NOT NULL) numbered WHERE MOD(row_no - 1, ?) = 0 "
					+ "ORDER BY id", rule))
			.params(parameters)
			.param(stride)
			.query((row, i) -> new Point(row.getLong(1), row.getDouble(2), row.getDouble(3)))
			.list();
		return new Scatter(points, scored, answers, stride);
	}

	/**
	 * The latest answers (highest ids), their text cut at {@code maxChars}: their ids
	 * first, then those rows, with the rule's judge's scores (none where it gave none).
	 */
	public List<Card> latest(long questionRef, String condition, int limit, int maxChars, Rule rule) {
		List<Object> arguments = new ArrayList<>();
		arguments.add(questionRef);
		if (condition != null) {
			arguments.add(condition);
		}
		arguments.add(limit);
		List<Long> ids = this.jdbc
			.sql("SELECT s.id FROM " + sample() + " WHERE s.question_ref = ?"
					+ (condition != null ? " AND s.condition_name = ?" : "") + " ORDER BY s.id DESC LIMIT ?")
			.params(arguments)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql(RuleSql.judged("SELECT s.id, m.name, m.group_name, s.condition_name, SUBSTRING(txt.answer, 1, ?), "
					+ "LENGTH(txt.answer), s.aligned, s.coherent FROM sample s JOIN model m ON m.id = s.model_id"
					+ AnswerTexts.JOIN + RuleSql.judgeJoins(rule) + " WHERE s.id IN ("
					+ String.join(", ", ids.stream().map((id) -> "?").toList()) + ") ORDER BY s.id DESC", rule))
			.param(maxChars)
			.params(ids)
			.query((row, i) -> {
				String text = row.getString(5);
				double aligned = row.getDouble(7);
				Double alignedScore = row.wasNull() ? null : aligned;
				double coherent = row.getDouble(8);
				Double coherentScore = row.wasNull() ? null : coherent;
				return new Card(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), text,
						row.getLong(6) > maxChars, alignedScore, coherentScore);
			})
			.list();
	}

}
