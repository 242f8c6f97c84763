package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.store.Database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The indexes H2 is told to read the answers through, whose planner cannot know how many
 * answers a filter matches (PostgreSQL plans from its statistics and is told nothing):
 * the one that finds a page soonest, the one a neighbour or a place is counted along, and
 * the primary key for answers listed by id. Decided once, at construction, whether the
 * database is PostgreSQL and the name H2 gave the primary key.
 */
final class IndexHints {

	/**
	 * Answers a query reads in an index for each answer it reads in the order's index, as
	 * the planner counts.
	 */
	private static final int QUERY_COST = 300;

	private final JdbcClient jdbc;

	private final boolean postgres;

	/** The name H2 gave the answers' primary key ({@code null} on PostgreSQL). */
	private final String primaryKey;

	/**
	 * The answers table read through its primary key: H2 otherwise prefers the index on
	 * the dataset.
	 */
	private final String byId;

	IndexHints(JdbcClient jdbc, Database database) {
		this.jdbc = jdbc;
		this.postgres = database.postgres();
		this.primaryKey = this.postgres ? null
				: jdbc
					.sql("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
							+ "WHERE TABLE_NAME = 'SAMPLE' AND INDEX_TYPE_NAME = 'PRIMARY KEY'")
					.query(String.class)
					.single();
		this.byId = this.postgres ? "sample s" : "sample s USE INDEX (" + this.primaryKey + ")";
	}

	/** The answers table ({@code sample s}) read through its primary key on H2. */
	String byId() {
		return this.byId;
	}

	/**
	 * A query's FROM and WHERE, through the primary key on H2 when it lists its answers'
	 * ids.
	 */
	String listed(AnswerQuery query) {
		boolean byKey = query.idsListed && !this.postgres && query.text == null;
		return byKey ? query.from(this.byId) : query.sql.toString();
	}

	/** The index of an order: its score's, or the one by id. */
	private static String orderIndex(AnswerOrder order) {
		return (order.column() == null) ? "ix_sample_by_id"
				: order.column().equals("s.aligned") ? "ix_sample_by_aligned" : "ix_sample_by_coherent";
	}

	/**
	 * The index that finds a page of the filter soonest on H2; {@code null} to leave the
	 * choice to the database (PostgreSQL plans from its statistics, and a text search
	 * that the word index cannot answer reads the answers themselves). A flag filter,
	 * which lists its few answers by id, reads them by the primary key. Every other index
	 * named here holds all the columns a filter reads, so the page's answers are found
	 * without reading one answer's row (see V10):
	 * <ul>
	 * <li>the order's own index, read in order until a page matches: about
	 * {@code page × answers / matching} entries when the matching answers are spread
	 * through the dataset;</li>
	 * <li>or the index by model or by question when the filter names few models or
	 * questions: it reads the entries of those answers only, and sorts those that
	 * match.</li>
	 * </ul>
	 * @param matching how many answers match the filter, when known (else the order's
	 * index)
	 */
	String page(long datasetId, AnswerFilter filter, AnswerOrder order, DatasetCatalog catalog, Long matching,
			int page) {
		if (this.postgres || filter.text() != null || !filter.rule().plainJudge()) {
			// judge X's scores are in no index of the answers
			return null;
		}
		if (filter.flag() != null) {
			return this.primaryKey;
		}
		String orderIndex = orderIndex(order);
		boolean byModel = filter.picksModels();
		boolean byQuestion = filter.question() != null || filter.category() != null;
		if (matching == null || (!byModel && !byQuestion)) {
			return orderIndex;
		}
		AnswerQuery models = AnswerQuery.of(datasetId,
				new AnswerFilter(filter.group(), filter.model(), null, null, null, null, null, null, null, null, null,
						null, null, filter.rule(), null)
					.withAttributes(filter.attributes()),
				catalog);
		AnswerQuery questions = AnswerQuery.of(datasetId, new AnswerFilter(null, null, filter.question(),
				filter.category(), null, null, null, null, null, null, null, null, null, filter.rule(), null), catalog);
		long[] answers = new long[3];
		this.jdbc
			.sql("SELECT SUM(s.answers), SUM(CASE WHEN 1 = 1" + models.conditions() + " THEN s.answers ELSE 0 END), "
					+ "SUM(CASE WHEN 1 = 1" + questions.conditions() + " THEN s.answers ELSE 0 END) FROM sample_cell s "
					+ "WHERE s.dataset_id = ?")
			.params(concat(models.conditionParameters(), questions.conditionParameters(), List.of(datasetId)))
			.query((row) -> {
				answers[0] = row.getLong(1);
				answers[1] = row.getLong(2);
				answers[2] = row.getLong(3);
			});
		double inOrder = Math.min(answers[0], (double) page * answers[0] / Math.max(1, matching));
		double ofModels = byModel ? answers[1] + QUERY_COST : Double.MAX_VALUE;
		double ofQuestions = byQuestion ? answers[2] + QUERY_COST : Double.MAX_VALUE;
		if (inOrder <= ofModels && inOrder <= ofQuestions) {
			return orderIndex;
		}
		return (ofModels <= ofQuestions) ? "ix_sample_by_model" : "ix_sample_by_question";
	}

	private static List<Object> concat(List<Object> first, List<Object> second, List<Object> third) {
		List<Object> all = new ArrayList<>(first);
		all.addAll(second);
		all.addAll(third);
		return all;
	}

	/**
	 * The query, told on H2 to read along the order's index unless the filter picks
	 * models, questions or a condition, whose index may be narrower: for the first answer
	 * of a query in an order (a neighbour, stopping at the first match) and for counting
	 * the answers before a place. Left to itself H2 takes a verdict's or band's range of
	 * the aligned index (half the dataset) and sorts it, seconds at a million answers.
	 */
	AnswerQuery alongOrder(AnswerQuery query, AnswerOrder order, AnswerFilter filter) {
		boolean cells = filter.picksModels() || filter.question() != null || filter.category() != null
				|| filter.condition() != null;
		if (!this.postgres && !cells && filter.rule().plainJudge()) {
			query.through(orderIndex(order));
		}
		return query;
	}

}
