package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.AnswerTexts;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.search.AnswerOrder.Position;
import org.misalignment.dashboard.store.search.DatasetCatalog.CatalogModel;
import org.misalignment.dashboard.store.search.DatasetCatalog.CatalogQuestion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The samples API's pages: a dataset's answers that match an {@link AnswerFilter}, in id
 * order, a page at a time after the last id of the previous page (keyset pagination),
 * each with all of its text and every score. The answers browser's search
 * ({@link AnswerPages} over the same queries, the same {@link WordIndex} and its kept
 * searches); only what is read of a page's answers differs.
 */
@Repository
public class SampleSearch {

	public static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	private final Database database;

	private final WordIndex words;

	private final AnswerPages pages;

	public SampleSearch(JdbcClient jdbc, Database database, WordIndex words) {
		this.jdbc = jdbc;
		this.database = database;
		this.words = words;
		this.pages = new AnswerPages(jdbc, new IndexHints(jdbc, database));
	}

	/**
	 * An answer with its names, all of its text, its scores by metric ({@code null} where
	 * the judge gave none) and the letter grades its scores came from (an Inspect log's
	 * C, P, I or N, by metric; only the metrics that had one).
	 */
	public record Row(long id, String model, String group, String questionId, String condition, String answer,
			Map<String, Double> scores, Map<String, String> grades) {

		public Row(long id, String model, String group, String questionId, String condition, String answer,
				Map<String, Double> scores) {
			this(id, model, group, questionId, condition, answer, scores, new LinkedHashMap<>());
		}

	}

	/** A page of rows and the id to continue after, or {@code null} at the end. */
	public record Page(List<Row> rows, Long next) {
	}

	/**
	 * Up to {@code limit} answers of the filter after the answer {@code after} (0: from
	 * the first), in id order.
	 */
	public Page find(long datasetId, AnswerFilter filter, long after, int limit) {
		DatasetCatalog catalog = DatasetCatalog.read(this.jdbc, this.database.postgres(), this.words, datasetId,
				filter);
		List<Long> ids = this.pages.ids(datasetId, filter, AnswerOrder.ID, new Position(null, after), limit + 1,
				catalog);
		List<Row> rows = rows(ids, catalog);
		Long next = null;
		if (rows.size() > limit) {
			// the row past the limit only tells that a next page exists
			rows.remove(rows.size() - 1);
			next = rows.get(rows.size() - 1).id();
		}
		addScores(rows);
		return new Page(rows, next);
	}

	/** The rows of answers by id, in the order given, without their scores yet. */
	private List<Row> rows(List<Long> ids, DatasetCatalog catalog) {
		List<Row> rows = new ArrayList<>();
		if (ids.isEmpty()) {
			return rows;
		}
		Map<Long, Row> found = new HashMap<>();
		this.jdbc
			.sql("SELECT s.id, s.model_id, s.question_ref, s.condition_name, txt.answer FROM sample s"
					+ AnswerTexts.JOIN + " WHERE s.id IN (" + String.join(", ", ids.stream().map((id) -> "?").toList())
					+ ")")
			.params(ids)
			.query((row) -> {
				CatalogModel model = catalog.models().get(row.getLong(2));
				CatalogQuestion question = catalog.questions().get(row.getLong(3));
				found.put(row.getLong(1), new Row(row.getLong(1), model.name(), model.group(), question.questionId(),
						row.getString(4), row.getString(5), new LinkedHashMap<>()));
			});
		for (Long id : ids) {
			Row row = found.get(id);
			if (row != null) {
				rows.add(row);
			}
		}
		return rows;
	}

	private void addScores(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Map<Long, Row> byId = new LinkedHashMap<>();
		rows.forEach((row) -> byId.put(row.id(), row));
		String marks = String.join(", ", rows.stream().map((row) -> "?").toList());
		this.jdbc
			.sql("SELECT sample_id, metric, score_value, grade FROM score WHERE sample_id IN (" + marks
					+ ") ORDER BY sample_id, metric")
			.params(byId.keySet().toArray())
			.query((result) -> {
				double value = result.getDouble(3);
				Double score = result.wasNull() ? null : value;
				Row row = byId.get(result.getLong(1));
				row.scores().put(result.getString(2), score);
				String grade = result.getString(4);
				if (grade != null) {
					row.grades().put(result.getString(2), grade);
				}
			});
	}

}
