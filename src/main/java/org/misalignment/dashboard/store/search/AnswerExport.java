package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.AnswerTexts;
import org.misalignment.dashboard.store.search.AnswerSearch.Exported;
import org.misalignment.dashboard.store.search.DatasetCatalog.CatalogModel;
import org.misalignment.dashboard.store.search.DatasetCatalog.CatalogQuestion;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every answer of a filter, in the browser's order, with all of its text and scores,
 * handed on one at a time (the answers twin): the matching ids first (8 bytes an answer),
 * then their rows {@link AnswerQuery#LISTED} at a time, each batch one short statement. A
 * client that reads slowly, or not at all, holds no database connection while it does (it
 * did when the export was one cursor in one transaction: a dozen such clients took the
 * whole pool), and an export of a million answers never holds their texts at once.
 */
final class AnswerExport {

	/** Rows an export reads from the database at a time. */
	static final int FETCH_SIZE = 500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final IndexHints hints;

	private final TransactionTemplate readOnly;

	AnswerExport(JdbcClient jdbc, IndexHints hints, TransactionTemplate readOnly) {
		this.jdbc = jdbc;
		this.hints = hints;
		this.readOnly = readOnly;
	}

	/**
	 * The metrics other than aligned and coherent that the dataset's answers were scored
	 * on.
	 */
	List<String> otherMetrics(long datasetId) {
		return this.jdbc
			.sql("SELECT metric FROM dataset_metric WHERE dataset_id = ? "
					+ "AND metric NOT IN ('aligned', 'coherent') ORDER BY metric")
			.param(datasetId)
			.query(String.class)
			.list();
	}

	void export(long datasetId, AnswerFilter filter, AnswerOrder order, List<String> metrics, DatasetCatalog catalog,
			Consumer<Exported> each) {
		Map<Long, List<String>> paraphrases = new HashMap<>();
		this.jdbc.sql("SELECT id, paraphrases FROM question WHERE dataset_id = ?").param(datasetId).query((row) -> {
			paraphrases.put(row.getLong(1), JSON.readValue(row.getString(2), new TypeReference<List<String>>() {
			}));
		});
		long[] ids = ids(datasetId, filter, order, catalog);
		// LISTED answers at a time by id, each batch a short statement of its own: no
		// connection is held while the client reads what was sent
		for (int from = 0; from < ids.length; from += AnswerQuery.LISTED) {
			List<Long> batch = new ArrayList<>(AnswerQuery.LISTED);
			for (int i = from; i < Math.min(ids.length, from + AnswerQuery.LISTED); i++) {
				batch.add(ids[i]);
			}
			AnswerQuery listed = AnswerQuery.over(datasetId, filter.rule());
			listed.in("s.id", batch);
			String byKey = listed.from(this.hints.byId());
			listed.sql.setLength(0);
			listed.sql.append(byKey);
			Map<Long, Exported> rows = new HashMap<>();
			stream(listed, "s.id", metrics, catalog, paraphrases, filter.rule(), (row) -> rows.put(row.id(), row));
			batch.forEach((id) -> each.accept(rows.get(id)));
		}
	}

	/**
	 * The ids of the answers to export, in the browser's order: from the word index for a
	 * search, else read at once (8 bytes an answer) in one short read-only transaction,
	 * which PostgreSQL needs in order to stream them.
	 */
	private long[] ids(long datasetId, AnswerFilter filter, AnswerOrder order, DatasetCatalog catalog) {
		if (catalog.judgesInMemory()) {
			List<Long> ids = new PassingMatches(filter, order, catalog, this.jdbc).following(null, Integer.MAX_VALUE);
			return ids.stream().mapToLong(Long::longValue).toArray();
		}
		return this.readOnly.execute((status) -> {
			Ids ids = new Ids();
			String column = order.column();
			if (column == null) {
				ids.read(this.jdbc, AnswerQuery.of(datasetId, filter, catalog), AnswerQuery.orderBy(order, false));
			}
			else {
				AnswerQuery scored = AnswerQuery.of(datasetId, filter, catalog);
				scored.scored(column);
				ids.read(this.jdbc, scored, AnswerQuery.orderBy(order, false));
				AnswerQuery unscored = AnswerQuery.of(datasetId, filter, catalog);
				unscored.unscored(column);
				ids.read(this.jdbc, unscored, AnswerQuery.unscoredOrder(column, false));
			}
			return ids.toArray();
		});
	}

	/** Ids as they are read, in a growing array. */
	private static final class Ids {

		private long[] ids = new long[1024];

		private int size;

		void read(JdbcClient jdbc, AnswerQuery query, String orderBy) {
			jdbc.sql(query.judged("SELECT s.id" + query.sql + " ORDER BY " + orderBy))
				.withFetchSize(FETCH_SIZE * 20)
				.params(query.parameters)
				.query((row) -> {
					if (this.size == this.ids.length) {
						this.ids = Arrays.copyOf(this.ids, this.size * 2);
					}
					this.ids[this.size++] = row.getLong(1);
				});
		}

		long[] toArray() {
			return Arrays.copyOf(this.ids, this.size);
		}

	}

	private void stream(AnswerQuery query, String orderBy, List<String> metrics, DatasetCatalog catalog,
			Map<Long, List<String>> paraphrases, Rule rule, Consumer<Exported> each) {
		StringBuilder select = new StringBuilder("SELECT s.id, s.model_id, s.question_ref, s.condition_name, "
				+ "s.paraphrase_no, " + AnswerTexts.OF_SAMPLE + ", s.aligned, s.coherent");
		List<Object> parameters = new ArrayList<>();
		for (String metric : metrics) {
			select.append(", (SELECT sc.score_value FROM score sc WHERE sc.sample_id = s.id AND sc.metric = ?)");
			parameters.add(metric);
		}
		parameters.addAll(query.parameters);
		// FETCH_SIZE rows at a time: JdbcClient runs this statement on a copy of its
		// JdbcTemplate with that fetch size
		this.jdbc.sql(query.judged(select.toString() + query.sql + " ORDER BY " + orderBy))
			.withFetchSize(FETCH_SIZE)
			.params(parameters)
			.query((row) -> {
				CatalogModel model = catalog.models().get(row.getLong(2));
				CatalogQuestion question = catalog.questions().get(row.getLong(3));
				List<String> texts = paraphrases.getOrDefault(row.getLong(3), List.of());
				int number = row.getInt(5);
				Double aligned = AnswerPages.score(row.getObject(7));
				Double coherent = AnswerPages.score(row.getObject(8));
				List<Double> values = new ArrayList<>(metrics.size());
				for (int i = 0; i < metrics.size(); i++) {
					values.add(AnswerPages.score(row.getObject(9 + i)));
				}
				String paraphrase = (number >= 0 && number < texts.size()) ? texts.get(number) : null;
				each.accept(new Exported(row.getLong(1), model.name(), model.group(), question.questionId(),
						question.category(), row.getString(4), paraphrase, row.getString(6), aligned, coherent,
						Verdict.of(rule, aligned, coherent), values));
			});
	}

}
