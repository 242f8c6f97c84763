package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finds a dataset's answers by filters, a page at a time, in id order (keyset pagination). */
@Repository
public class SampleSearch {

	public static final int MAX_LIMIT = 500;

	private final JdbcTemplate jdbc;

	/** H2's text index (unused on PostgreSQL). */
	private final WordIndex words;

	private final Database database;

	public SampleSearch(JdbcTemplate jdbc, Database database) {
		this.jdbc = jdbc;
		this.words = new WordIndex(jdbc);
		this.database = database;
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

	/** Answers of a search in H2's word index that one query lists by id. */
	private static final int LISTED = 2000;

	public Page find(long datasetId, Filter filter, long after, int limit) {
		String text = (filter.text() != null && !filter.text().isBlank()) ? filter.text().strip() : null;
		List<String> words = (text != null) ? TextSearch.words(text) : List.of();
		if (!this.database.postgres() && WordIndex.indexes(words)) {
			return findIndexed(datasetId, filter, this.words.find(datasetId, words).ids, after, limit);
		}
		boolean foundFirst = text != null && this.database.postgres() && TextSearch.fewOnPostgres(this.jdbc, datasetId, text);
		List<Row> rows = rows(datasetId, filter, text, null, after, limit + 1, foundFirst);
		return page(rows, limit);
	}

	/**
	 * A page of a search whose words are all in H2's word index: the answers that have them, after the cursor, are
	 * listed by id {@link #LISTED} at a time, and each list is filtered by the other conditions, until a page is full.
	 */
	private Page findIndexed(long datasetId, Filter filter, long[] matches, long after, int limit) {
		List<Row> rows = new ArrayList<>();
		int from = Arrays.binarySearch(matches, after + 1);
		from = (from >= 0) ? from : -from - 1;
		while (from < matches.length && rows.size() <= limit) {
			int to = Math.min(matches.length, from + LISTED);
			List<Long> listed = Arrays.stream(matches, from, to).boxed().toList();
			rows.addAll(rows(datasetId, filter, null, listed, after, limit + 1 - rows.size(), false));
			from = to;
		}
		return page(rows, limit);
	}

	private Page page(List<Row> rows, int limit) {
		Long next = null;
		if (rows.size() > limit) {
			rows.remove(rows.size() - 1);
			next = rows.get(rows.size() - 1).id();
		}
		addScores(rows);
		return new Page(rows, next);
	}

	/**
	 * Up to {@code limit} rows of the filter after an id, in id order: with the text condition when {@code text} is
	 * given, or among the answers {@code listed} by id. {@code foundFirst}: in a subquery that PostgreSQL answers
	 * before ordering, through its text index (a search that finds few, see {@link TextSearch#fewOnPostgres}).
	 */
	private List<Row> rows(long datasetId, Filter filter, String text, List<Long> listed, long after, int limit,
			boolean foundFirst) {
		StringBuilder sql = new StringBuilder("SELECT s.id, m.name, m.group_name, q.question_id, s.condition_name, s.answer "
				+ "FROM sample s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
		if (listed != null) {
			sql.append(" AND s.id IN (").append(String.join(", ", listed.stream().map((id) -> "?").toList())).append(")");
			parameters.addAll(listed);
		}
		else {
			sql.append(" AND s.id > ?");
			parameters.add(after);
		}
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
		if (text != null) {
			TextSearch.append(sql, parameters, text, this.database.postgres());
		}
		if (foundFirst) {
			sql.insert(0, "SELECT * FROM (").append(" OFFSET 0) s ORDER BY s.id LIMIT ?");
		}
		else {
			// dataset_id first, so that the database reads the (dataset_id, id) index in order instead of sorting
			sql.append(" ORDER BY s.dataset_id, s.id LIMIT ?");
		}
		parameters.add(limit);
		return new ArrayList<>(this.jdbc.query(sql.toString(), (row, i) -> new Row(row.getLong(1),
				row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
				new LinkedHashMap<>()), parameters.toArray()));
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
