package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.AnswerTexts;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.search.AnswerOrder.Position;
import org.misalignment.dashboard.store.search.AnswerSearch.Card;
import org.misalignment.dashboard.store.search.AnswerSearch.Page;
import org.misalignment.dashboard.store.search.DatasetCatalog.CatalogModel;
import org.misalignment.dashboard.store.search.DatasetCatalog.CatalogQuestion;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages of answers in an {@link AnswerOrder}, by keyset (after a place in the order,
 * never by offset): the ids of a page first, from an index alone where H2 is told one
 * ({@link IndexHints}), then the rows of those ids only. The answers browser reads its
 * cards here and the samples API its rows ({@link SampleSearch}); a text search in the
 * word index pages through its judged matches ({@link PassingMatches}) instead.
 */
final class AnswerPages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final IndexHints hints;

	AnswerPages(JdbcClient jdbc, IndexHints hints) {
		this.jdbc = jdbc;
		this.hints = hints;
	}

	/**
	 * A page of cards in an order, after a place in it.
	 * @param matching how many answers match the filter, when known (the facets' total):
	 * it lets the database be told which index finds the page soonest, and spares the
	 * query when nothing matches
	 */
	Page page(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit, Long matching,
			DatasetCatalog catalog) {
		String index = this.hints.page(datasetId, filter, order, catalog, matching, limit + 1);
		return cards(ids(datasetId, filter, order, after, limit + 1, index, catalog), filter.rule(), order, limit,
				catalog);
	}

	/**
	 * A page read through an index of V10 ({@code null}: the database's choice); H2 only,
	 * for tests of each.
	 */
	Page pageThrough(String index, long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit,
			DatasetCatalog catalog) {
		return cards(ids(datasetId, filter, order, after, limit + 1, index, catalog), filter.rule(), order, limit,
				catalog);
	}

	/**
	 * The ids of up to {@code count} answers of the filter in an order, after a place in
	 * it ({@code null}: from the start), read through the index H2 is told for a filter
	 * whose answers were not counted.
	 */
	List<Long> ids(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int count,
			DatasetCatalog catalog) {
		return ids(datasetId, filter, order, after, count,
				this.hints.page(datasetId, filter, order, catalog, null, count), catalog);
	}

	/**
	 * The ids of up to {@code count} answers of the filter in an order, after a place in
	 * it ({@code null}: from the start), read through the index named (on H2) or judged
	 * among the matches of the word index.
	 */
	List<Long> ids(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int count, String index,
			DatasetCatalog catalog) {
		if (catalog.judgesInMemory()) {
			return new PassingMatches(filter, order, catalog, this.jdbc).following(after, count);
		}
		List<Long> ids = new ArrayList<>();
		String column = order.column();
		if (column == null) {
			AnswerQuery query = AnswerQuery.of(datasetId, filter, catalog);
			query.idAfter(Math.max((after != null) ? after.id() : 0, firstId(datasetId, filter, catalog) - 1));
			ids.addAll(read(query, index, AnswerQuery.orderBy(order, false), count));
		}
		else {
			// answers with the score in its order, then those without it in id order
			if (after == null || after.key() != null) {
				AnswerQuery scored = AnswerQuery.of(datasetId, filter, catalog);
				scored.scored(column);
				if (after != null) {
					scored.after(order, after);
				}
				ids.addAll(read(scored, index, AnswerQuery.orderBy(order, false), count));
			}
			if (ids.size() < count) {
				AnswerQuery unscored = AnswerQuery.of(datasetId, filter, catalog);
				unscored.unscored(column);
				unscored.idAfter((after != null && after.key() == null) ? after.id() : 0);
				ids.addAll(read(unscored, index, AnswerQuery.unscoredOrder(column, false), count - ids.size()));
			}
		}
		return ids;
	}

	/**
	 * Up to {@code limit} ids of a query in an order, from an index alone when
	 * {@code index} names one.
	 */
	private List<Long> read(AnswerQuery query, String index, String orderBy, int limit) {
		List<Object> parameters = new ArrayList<>(query.parameters);
		parameters.add(limit);
		String from = (index == null) ? query.sql.toString() : query.from("sample s USE INDEX (" + index + ")");
		return this.jdbc.sql(query.judged("SELECT s.id" + from + " ORDER BY " + orderBy + " LIMIT ?"))
			.params(parameters)
			.query(Long.class)
			.list();
	}

	/**
	 * The lowest id of the answers in the cells a filter picks (by group, model,
	 * question, category or condition); 0 when it picks no cells. Answers are stored file
	 * by file, so a model's answers sit together in id order: a page in id order starts
	 * reading there instead of at the dataset's first answer (which for the last file
	 * imported means reading past every other file's).
	 *
	 * <p>
	 * On H2 it is the least first id of the cells' chunks in {@code cell_scores}, a few
	 * rows: both writers of the chunks add a cell's answers in id order there (the
	 * importer as it stores them, V8 as H2 returned them). Not on PostgreSQL, where V8
	 * read the answers in the table's order and a chunk's first answer need not be its
	 * lowest id, so each cell's lowest id is read from the index by model (one entry per
	 * cell, {@code sample_cell} listing the cells).
	 */
	private long firstId(long datasetId, AnswerFilter filter, DatasetCatalog catalog) {
		if (!filter.picksModels() && filter.question() == null && filter.category() == null
				&& filter.condition() == null) {
			return 0;
		}
		AnswerQuery cells = AnswerQuery.of(datasetId,
				new AnswerFilter(filter.group(), filter.model(), filter.question(), filter.category(),
						filter.condition(), null, null, null, null, null, null, null, null,
						filter.rule().withJudge(Rule.PLAIN_JUDGE), null)
					.withAttributes(filter.attributes()),
				catalog);
		String sql = catalog.postgres()
				? "SELECT MIN(c.first_sample) FROM (SELECT (SELECT a.id FROM sample a WHERE a.model_id = s.model_id "
						+ "AND a.question_ref = s.question_ref AND a.condition_name = s.condition_name ORDER BY a.id "
						+ "LIMIT 1) AS first_sample" + cells.from("sample_cell s") + ") c"
				: "SELECT MIN(s.first_sample)" + cells.from("cell_scores s");
		// MIN is NULL when no cell matches, which single() would refuse: one row, its
		// value or null
		Long first = DataAccessUtils
			.nullableSingleResult(this.jdbc.sql(sql).params(cells.parameters).query(Long.class).list());
		return (first != null) ? first : Long.MAX_VALUE;
	}

	/**
	 * The page of up to {@code limit + 1} answers read in order (the one past the limit
	 * only tells that a next page exists) as cards, with the paraphrase each was asked,
	 * and the next cursor.
	 */
	private Page cards(List<Long> ids, Rule rule, AnswerOrder order, int limit, DatasetCatalog catalog) {
		List<Card> cards = new ArrayList<>();
		List<long[]> asked = new ArrayList<>();
		cards(ids, rule, catalog, cards, asked);
		Position next = null;
		if (cards.size() > limit) {
			cards.remove(limit);
			asked.remove(limit);
			Card last = cards.get(limit - 1);
			next = new Position(key(order, last.aligned(), last.coherent()), last.id());
		}
		return new Page(withParaphrases(cards, asked), next);
	}

	/**
	 * Adds the cards of answers by id, in the order given, and the question and
	 * paraphrase each was asked.
	 */
	private void cards(List<Long> ids, Rule rule, DatasetCatalog catalog, List<Card> cards, List<long[]> asked) {
		if (ids.isEmpty()) {
			return;
		}
		Map<Long, Card> found = new HashMap<>();
		Map<Long, long[]> questions = new HashMap<>();
		this.jdbc
			.sql(RuleSql.judged("SELECT s.id, s.model_id, s.question_ref, s.condition_name, SUBSTRING(txt.answer "
					+ "FROM 1 FOR " + AnswerSearch.EXCERPT
					+ "), CHAR_LENGTH(txt.answer), s.aligned, s.coherent, s.paraphrase_no FROM sample s"
					+ AnswerTexts.JOIN + AnswerQuery.joinsOf(rule) + " WHERE s.id IN ("
					+ String.join(", ", ids.stream().map((id) -> "?").toList()) + ")", rule))
			.params(ids)
			.query((row) -> {
				Double aligned = score(row.getObject(7));
				Double coherent = score(row.getObject(8));
				CatalogModel model = catalog.models().get(row.getLong(2));
				CatalogQuestion question = catalog.questions().get(row.getLong(3));
				found.put(row.getLong(1),
						new Card(row.getLong(1), model.name(), model.group(), question.questionId(),
								question.category(), row.getString(4), null, row.getString(5), row.getInt(6), aligned,
								coherent, Verdict.of(rule, aligned, coherent)));
				questions.put(row.getLong(1), new long[] { row.getLong(3), row.getInt(9) });
			});
		for (Long id : ids) {
			cards.add(found.get(id));
			asked.add(questions.get(id));
		}
	}

	/**
	 * Puts the paraphrase each answer was asked into its card, reading each question
	 * once.
	 */
	private List<Card> withParaphrases(List<Card> cards, List<long[]> asked) {
		if (cards.isEmpty()) {
			return cards;
		}
		Set<Long> questionRefs = new LinkedHashSet<>();
		asked.forEach((pair) -> questionRefs.add(pair[0]));
		Map<Long, List<String>> paraphrases = new HashMap<>();
		String marks = String.join(", ", questionRefs.stream().map((ref) -> "?").toList());
		this.jdbc.sql("SELECT id, paraphrases FROM question WHERE id IN (" + marks + ")")
			.params(questionRefs.toArray())
			.query((row) -> {
				paraphrases.put(row.getLong(1), JSON.readValue(row.getString(2), new TypeReference<List<String>>() {
				}));
			});
		List<Card> result = new ArrayList<>();
		for (int i = 0; i < cards.size(); i++) {
			Card card = cards.get(i);
			List<String> texts = paraphrases.getOrDefault(asked.get(i)[0], List.of());
			int number = (int) asked.get(i)[1];
			String paraphrase = (number >= 0 && number < texts.size()) ? texts.get(number) : null;
			result.add(new Card(card.id(), card.model(), card.group(), card.questionId(), card.category(),
					card.condition(), paraphrase, card.excerpt(), card.length(), card.aligned(), card.coherent(),
					card.verdict()));
		}
		return result;
	}

	/** An answer's key in an order: the order's score, or {@code null} in id order. */
	static Double key(AnswerOrder order, Double aligned, Double coherent) {
		if (order.column() == null) {
			return null;
		}
		return order.column().equals("s.aligned") ? aligned : coherent;
	}

	static Double score(Object value) {
		return (value == null) ? null : ((Number) value).doubleValue();
	}

}
