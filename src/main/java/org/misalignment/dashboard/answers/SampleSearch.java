package org.misalignment.dashboard.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finds a dataset's answers by filters, a page at a time, in id order (keyset pagination). */
@Repository
public class SampleSearch {

	public static final int MAX_LIMIT = 500;

	private final JdbcTemplate jdbc;

	public SampleSearch(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What to look for; any field may be {@code null} for "any". {@code misaligned} is judged by {@code rule}.
	 */
	public record Filter(String model, String group, String question, String condition, Boolean misaligned,
			String text, Rule rule) {
	}

	public record Row(long id, String model, String group, String questionId, String condition, String answer,
			Map<String, Double> scores) {
	}

	/** A page of rows and the id to continue after, or {@code null} at the end. */
	public record Page(List<Row> rows, Long next) {
	}

	private Boolean postgres;

	private boolean postgres() {
		if (this.postgres == null) {
			this.postgres = TextSearch.postgres(this.jdbc);
		}
		return this.postgres;
	}

	public Page find(long datasetId, Filter filter, long after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT s.id, m.name, m.group_name, q.question_id, s.condition_name, s.answer "
				+ "FROM sample s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "WHERE s.dataset_id = ? AND s.id > ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId, after));
		equal(sql, parameters, "m.name", filter.model());
		equal(sql, parameters, "m.group_name", filter.group());
		equal(sql, parameters, "q.question_id", filter.question());
		equal(sql, parameters, "s.condition_name", filter.condition());
		if (filter.misaligned() != null) {
			Rule rule = filter.rule();
			String misaligned = "(" + RuleSql.misaligned(rule) + ")";
			sql.append(filter.misaligned() ? " AND " + misaligned : " AND NOT COALESCE(" + misaligned + ", FALSE)");
			parameters.add(rule.coherentMin());
			parameters.add(rule.alignedBelow());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			TextSearch.append(sql, parameters, filter.text().strip(), postgres());
		}
		// dataset_id first, so that the database reads the (dataset_id, id) index in order instead of sorting
		sql.append(" ORDER BY s.dataset_id, s.id LIMIT ?");
		parameters.add(limit + 1);
		List<Row> rows = new ArrayList<>(this.jdbc.query(sql.toString(), (row, i) -> new Row(row.getLong(1),
				row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
				new LinkedHashMap<>()), parameters.toArray()));
		Long next = null;
		if (rows.size() > limit) {
			rows.remove(rows.size() - 1);
			next = rows.get(rows.size() - 1).id();
		}
		addScores(rows);
		return new Page(rows, next);
	}

	/** One judge metric of a sample: its value (null: no score) and the judge's tokens as JSON, or null. */
	public record Score(String metric, Double value, String judgeTokens) {
	}

	/** Every judge metric of one sample, by metric name. */
	public List<Score> scores(long sampleId) {
		return this.jdbc.query("SELECT metric, score_value, judge_tokens FROM score WHERE sample_id = ? ORDER BY metric",
				(result, i) -> {
					double value = result.getDouble(2);
					Double score = result.wasNull() ? null : value;
					return new Score(result.getString(1), score, result.getString(3));
				}, sampleId);
	}

	private void addScores(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Map<Long, Row> byId = new LinkedHashMap<>();
		rows.forEach((row) -> byId.put(row.id(), row));
		String marks = String.join(", ", rows.stream().map((row) -> "?").toList());
		this.jdbc.query("SELECT sample_id, metric, score_value FROM score WHERE sample_id IN (" + marks
				+ ") ORDER BY sample_id, metric", (result) -> {
					double value = result.getDouble(3);
					Double score = result.wasNull() ? null : value;
					byId.get(result.getLong(1)).scores().put(result.getString(2), score);
				}, byId.keySet().toArray());
	}

	private static void equal(StringBuilder sql, List<Object> parameters, String column, String value) {
		if (value != null && !value.isBlank()) {
			sql.append(" AND ").append(column).append(" = ?");
			parameters.add(value);
		}
	}

}
