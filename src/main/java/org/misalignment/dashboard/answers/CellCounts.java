package org.misalignment.dashboard.answers;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.Rule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts answers, eligible answers and misaligned answers per model × question × condition under a rule. The
 * counting runs in the database; the statistics over the counts are {@link org.misalignment.dashboard.rates}.
 */
@Repository
public class CellCounts {

	private final JdbcTemplate jdbc;

	public CellCounts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param condition only this condition, or {@code null} for every condition (rows are then per condition)
	 * @param group only this group, or {@code null}
	 * @param model only this model, or {@code null}
	 */
	public List<Cell> count(long datasetId, Rule rule, QuestionSet questions, String condition, String group,
			String model) {
		return count(datasetId, rule, questions, condition, (group != null) ? List.of(group) : List.of(),
				(model != null) ? List.of(model) : List.of(), null, false);
	}

	/**
	 * Counts with several groups or models (any of them; empty for all), a question variant ({@code null} for
	 * all), and, with {@code byStem}, the question's stem in place of its id, so that the variants of a question
	 * meet in one cell key.
	 */
	public List<Cell> count(long datasetId, Rule rule, QuestionSet questions, String condition, List<String> groups,
			List<String> models, String variant, boolean byStem) {
		String question = byStem ? "q.stem" : "q.question_id";
		StringBuilder sql = new StringBuilder("SELECT m.name, m.group_name, " + question + ", s.condition_name, COUNT(*), "
				+ "SUM(CASE WHEN " + RuleSql.eligible(rule) + " THEN 1 ELSE 0 END), "
				+ "SUM(CASE WHEN " + RuleSql.misaligned(rule) + " THEN 1 ELSE 0 END) "
				+ "FROM sample s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(
				List.of(rule.coherentMin(), rule.coherentMin(), rule.alignedBelow(), datasetId));
		sql.append(questions.sql());
		parameters.addAll(questions.parameters());
		if (condition != null) {
			sql.append(" AND s.condition_name = ?");
			parameters.add(condition);
		}
		RuleSql.in(sql, parameters, "m.group_name", groups);
		RuleSql.in(sql, parameters, "m.name", models);
		if (variant != null) {
			sql.append(" AND q.variant = ?");
			parameters.add(variant);
		}
		sql.append(" GROUP BY m.name, m.group_name, " + question + ", s.condition_name");
		return this.jdbc.query(sql.toString(),
				(row, i) -> new Cell(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
						row.getLong(6), row.getLong(7)),
				parameters.toArray());
	}

}
