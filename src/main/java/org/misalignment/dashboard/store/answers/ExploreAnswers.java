package org.misalignment.dashboard.store.answers;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.RuleSql;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queries of the explorer: a dataset's questions and groups, the counts of one
 * question, and the answer at one position of a seeded shuffle. Each touches only the
 * answers of one question.
 */
@Repository
public class ExploreAnswers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PARTS = Pattern.compile("\\d+|\\D+");

	/** Lines that mark an answer as code, which reads better in monospace. */
	private static final Pattern CODE = Pattern
		.compile("```|(?m)^(    |\t|def |class |import |from \\S+ import |#include|function |public |<\\?php)");

	private final JdbcClient jdbc;

	ExploreAnswers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A question as the explorer lists it; {@code ref} is its row id, which the answers
	 * point to.
	 */
	public record Question(long ref, String questionId, String category, String variant, List<String> paraphrases,
			String systemPrompt) {

		public boolean main() {
			return this.category.equals("main") && this.variant.equals("plain");
		}

		public String firstParaphrase() {
			return this.paraphrases.isEmpty() ? null : this.paraphrases.get(0);
		}

		String paraphrase(int position) {
			return (position >= 0 && position < this.paraphrases.size()) ? this.paraphrases.get(position) : null;
		}

	}

	/** The dataset's questions in the order they were imported. */
	public List<Question> questions(long datasetId) {
		return this.jdbc
			.sql("SELECT id, question_id, category, variant, paraphrases, system_prompt FROM question "
					+ "WHERE dataset_id = ? ORDER BY id")
			.param(datasetId)
			.query((row, i) -> new Question(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
					JSON.readValue(row.getString(5), new TypeReference<List<String>>() {
					}), row.getString(6)))
			.list();
	}

	public List<String> groups(long datasetId) {
		return this.jdbc.sql("SELECT DISTINCT group_name FROM model WHERE dataset_id = ? ORDER BY group_name")
			.param(datasetId)
			.query(String.class)
			.list();
	}

	/** The models of a group, insecure-2 before insecure-10. */
	public List<String> models(long datasetId, String group) {
		List<String> models = new ArrayList<>(
				this.jdbc.sql("SELECT name FROM model WHERE dataset_id = ? AND group_name = ?")
					.params(datasetId, group)
					.query(String.class)
					.list());
		models.sort(ExploreAnswers::naturalOrder);
		return models;
	}

	/** Compares names with their runs of digits as numbers: seed 2 before seed 10. */
	static int naturalOrder(String a, String b) {
		Matcher left = PARTS.matcher(a);
		Matcher right = PARTS.matcher(b);
		while (left.find() && right.find()) {
			String x = left.group();
			String y = right.group();
			int order = (Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0)))
					? new BigInteger(x).compareTo(new BigInteger(y)) : x.compareTo(y);
			if (order != 0) {
				return order;
			}
		}
		return a.compareTo(b);
	}

	/**
	 * Which answers to read: those of one question and group, optionally of one condition
	 * and one model, and only the misaligned ones under the rule unless
	 * {@code everyAnswer}.
	 */
	public record Pick(Question question, String group, String condition, String model, boolean everyAnswer,
			Rule rule) {
	}

	/** One answer with what its card shows. */
	public record Answer(long id, String model, String group, String condition, String text, Double aligned,
			Double coherent, String question, String systemPrompt) {

		public boolean looksLikeCode() {
			return CODE.matcher(this.text).find();
		}

		Answer withText(String text) {
			return new Answer(this.id, this.model, this.group, this.condition, text, this.aligned, this.coherent,
					this.question, this.systemPrompt);
		}

	}

	public long count(Pick pick) {
		List<Object> parameters = new ArrayList<>();
		String where = where(pick, parameters);
		return this.jdbc
			.sql(RuleSql.judged("SELECT COUNT(*) FROM sample s JOIN model m ON m.id = s.model_id"
					+ RuleSql.judgeJoins(pick.rule()) + where, pick.rule()))
			.params(parameters)
			.query(Long.class)
			.single();
	}

	/**
	 * The answer at this position (1 for the first) of the shuffle, or empty past the
	 * end.
	 */
	public Optional<Answer> at(Pick pick, Shuffle shuffle, long position) {
		List<Object> parameters = new ArrayList<>();
		String where = where(pick, parameters);
		parameters.addAll(shuffle.parameters());
		parameters.add(position - 1);
		return this.jdbc
			.sql(RuleSql.judged("SELECT s.id, m.name, m.group_name, s.condition_name, s.aligned, "
					+ "s.coherent, s.paraphrase_no, s.system_prompt FROM sample s JOIN model m ON m.id = s.model_id"
					+ RuleSql.judgeJoins(pick.rule()) + where + Shuffle.ORDER_BY + " LIMIT 1 OFFSET ?", pick.rule()))
			.params(parameters)
			.query((row, i) -> {
				String system = row.getString(8);
				return new Answer(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), null,
						score(row, 5), score(row, 6), pick.question().paraphrase(row.getInt(7)),
						(system != null) ? system : pick.question().systemPrompt());
			})
			.optional()
			// its text, read once the answer is picked
			.map((answer) -> answer.withText(this.jdbc.sql("SELECT answer FROM answer_text WHERE sample_id = ?")
				.param(answer.id())
				.query(String.class)
				.single()));
	}

	private static String where(Pick pick, List<Object> parameters) {
		StringBuilder where = new StringBuilder(" WHERE s.question_ref = ? AND m.group_name = ?");
		parameters.add(pick.question().ref());
		parameters.add(pick.group());
		if (pick.condition() != null) {
			where.append(" AND s.condition_name = ?");
			parameters.add(pick.condition());
		}
		if (pick.model() != null) {
			where.append(" AND m.name = ?");
			parameters.add(pick.model());
		}
		where.append(RuleSql.judgeScored(pick.rule()));
		if (!pick.everyAnswer()) {
			Rule rule = pick.rule();
			where.append(" AND ").append(RuleSql.misaligned(rule));
			parameters.add(rule.coherentMin());
			parameters.add(rule.alignedBelow());
		}
		return where.toString();
	}

	private static Double score(java.sql.ResultSet row, int column) throws java.sql.SQLException {
		double value = row.getDouble(column);
		return row.wasNull() ? null : value;
	}

}
