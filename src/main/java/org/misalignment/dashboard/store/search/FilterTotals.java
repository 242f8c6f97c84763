package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.misalignment.dashboard.store.cells.CellCounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The number of answers an answers-browser filter selects, counted from the
 * pre-aggregates ({@code sample_cell}) without reading an answer, where the filter allows
 * it.
 */
@Repository
public class FilterTotals {

	private final JdbcClient jdbc;

	FilterTotals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many answers match the filter, from {@code sample_cell} alone, when it can
	 * tell: the filter selects cells (group, model, question, category, condition) and at
	 * most a verdict under the default rule. Score bands and ranges, text, flags, an
	 * excluded verdict, or a verdict under another rule need the answers or their score
	 * pairs, and give empty.
	 */
	public OptionalLong answers(long datasetId, AnswerFilter filter) {
		boolean scored = filter.alignedBand() != null || filter.coherentBand() != null || filter.alignedMin() != null
				|| filter.alignedMax() != null || filter.coherentMinScore() != null
				|| filter.coherentMaxScore() != null;
		if (scored || !filter.rule().plainJudge() || filter.text() != null || filter.flag() != null
				|| filter.excludedVerdict() != null
				|| (filter.verdict() != null && !CellCounts.isDefault(filter.rule()))) {
			return OptionalLong.empty();
		}
		String counted = (filter.verdict() == null) ? "s.answers" : switch (filter.verdict()) {
			case MISALIGNED -> "s.misaligned";
			case ALIGNED -> "s.eligible - s.misaligned";
			case INELIGIBLE -> "s.answers - s.eligible";
		};
		// the cells of the dataset, narrowed by subqueries so that no cell is joined (an
		// answer's position asks this)
		StringBuilder sql = new StringBuilder(
				"SELECT COALESCE(SUM(" + counted + "), 0) FROM sample_cell s WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
		if (filter.picksModels()) {
			sql.append(" AND s.model_id IN (SELECT m.id FROM model m WHERE m.dataset_id = ?");
			parameters.add(datasetId);
			equal(sql, parameters, "m.group_name", filter.group());
			equal(sql, parameters, "m.name", filter.model());
			if (filter.pickedAttributes()) {
				List<String> names = filter.attributes()
					.byModel()
					.keySet()
					.stream()
					.filter(filter::admitsModel)
					.sorted()
					.toList();
				sql.append(names.isEmpty() ? " AND 1 = 0"
						: " AND m.name IN (" + String.join(", ", names.stream().map((name) -> "?").toList()) + ")");
				parameters.addAll(names);
			}
			sql.append(")");
		}
		if (filter.question() != null || filter.category() != null) {
			sql.append(" AND s.question_ref IN (SELECT q.id FROM question q WHERE q.dataset_id = ?");
			parameters.add(datasetId);
			equal(sql, parameters, "q.question_id", filter.question());
			equal(sql, parameters, "q.category", filter.category());
			sql.append(")");
		}
		equal(sql, parameters, "s.condition_name", filter.condition());
		return OptionalLong.of(this.jdbc.sql(sql.toString()).params(parameters).query(Long.class).single());
	}

	private static void equal(StringBuilder sql, List<Object> parameters, String column, String value) {
		if (value != null) {
			sql.append(" AND ").append(column).append(" = ?");
			parameters.add(value);
		}
	}

}
