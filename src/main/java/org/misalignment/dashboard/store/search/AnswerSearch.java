package org.misalignment.dashboard.store.search;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.answers.AnswerText;
import org.misalignment.dashboard.store.cells.CellBands;
import org.misalignment.dashboard.store.cells.ScoreBand;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerOrder.Position;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queries of the answers browser and the answer page: a page of answers in any {@link AnswerOrder}
 * (keyset pagination over the sort key and id), how many answers match, the counts of each facet under every
 * other filter, and an answer's neighbours within a filter. Everything is counted and sorted in the database,
 * except a text search on H2 whose words are in its {@link WordIndex}: the index lists the answers that have them,
 * with their cells and scores, and those are judged, counted and ordered here ({@link Judge}, {@link Matched});
 * only the cards shown are read from the answers.
 */
@Repository
public class AnswerSearch {

	/** Characters of an answer shown on its card; the answer page shows it all. */
	public static final int EXCERPT = 600;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	/** The same database, reading {@link #FETCH_SIZE} rows at a time, for exports. */
	private final JdbcTemplate streaming;

	/** Rows an export reads from the database at a time. */
	static final int FETCH_SIZE = 500;

	/** H2's text index (unused on PostgreSQL). */
	private final WordIndex words;

	/** Whether the database is H2 or PostgreSQL, which search and hint differently. */
	private final Database database;

	public AnswerSearch(JdbcTemplate jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
		this.words = new WordIndex(jdbc);
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(FETCH_SIZE);
	}

	/** An answer as its card shows it: the first {@link #EXCERPT} characters of its text and its two scores. */
	public record Card(long id, String model, String group, String questionId, String category, String condition,
			String paraphrase, String excerpt, int length, Double aligned, Double coherent, Verdict verdict) {

		/** Whether the card shows only the beginning of the answer. */
		public boolean truncated() {
			return this.excerpt.length() < this.length;
		}

		public boolean code() {
			return AnswerText.looksLikeCode(this.excerpt);
		}

	}

	/** A page of cards and the cursor of the next page, or {@code null} on the last. */
	public record Page(List<Card> cards, Position next) {
	}

	/** One value of a facet: how many answers have it under the other filters, and whether it is selected. */
	public record FacetValue(String value, long count, boolean active) {
	}

	public Page page(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit) {
		return page(datasetId, filter, order, after, limit, (Long) null);
	}

	/**
	 * A page of cards in an order, after a place in it.
	 *
	 * @param matching how many answers match the filter, when known (the facets' total): it lets the database be
	 * told which index finds the page soonest, and spares the query when nothing matches
	 */
	public Page page(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit, Long matching) {
		if (matching != null && matching == 0) {
			return new Page(List.of(), null);
		}
		Catalog catalog = catalog(datasetId, filter);
		if (matching != null) {
			// the facets counted the answers of the whole filter: few are found first, many are met soon in order
			catalog.few().know(matching);
		}
		return page(datasetId, filter, order, after, limit, index(datasetId, filter, order, catalog, matching, limit + 1),
				catalog);
	}

	/** A page read through an index of V10 ({@code null}: the database's choice); H2 only, for tests of each. */
	public Page pageThrough(String index, long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit) {
		return page(datasetId, filter, order, after, limit, index, catalog(datasetId, filter));
	}

	private Page page(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit, String index,
			Catalog catalog) {
		if (catalog.matches() != null) {
			return matchedPage(filter, order, after, limit, catalog);
		}
		List<Card> cards = new ArrayList<>();
		List<long[]> asked = new ArrayList<>();
		String column = order.column();
		if (column == null) {
			Query query = Query.of(datasetId, filter, catalog);
			query.idAfter(Math.max((after != null) ? after.id() : 0, firstId(datasetId, filter, catalog) - 1));
			read(query, index, orderBy(order, false), limit + 1, filter.rule(), catalog, cards, asked);
		}
		else {
			// answers with the score in its order, then those without it in id order
			if (after == null || after.key() != null) {
				Query scored = Query.of(datasetId, filter, catalog);
				scored.scored(column);
				if (after != null) {
					scored.after(order, after);
				}
				read(scored, index, orderBy(order, false), limit + 1, filter.rule(), catalog, cards, asked);
			}
			if (cards.size() <= limit) {
				Query unscored = Query.of(datasetId, filter, catalog);
				unscored.unscored(column);
				unscored.idAfter((after != null && after.key() == null) ? after.id() : 0);
				read(unscored, index, unscoredOrder(column, false), limit + 1 - cards.size(), filter.rule(), catalog,
						cards, asked);
			}
		}
		return pageOf(cards, asked, order, limit);
	}

	/**
	 * The lowest id of the answers in the cells a filter picks (by group, model, question, category or condition),
	 * from the first ids of the chunks of {@code cell_scores}; 0 when it picks no cells. Answers are stored file by
	 * file, so a model's answers sit together in id order: a page in id order starts reading there instead of at
	 * the dataset's first answer (which for the last file imported means reading past every other file's).
	 */
	private long firstId(long datasetId, AnswerFilter filter, Catalog catalog) {
		if (filter.group() == null && filter.model() == null && filter.question() == null && filter.category() == null
				&& filter.condition() == null) {
			return 0;
		}
		Query cells = Query.of(datasetId, new AnswerFilter(filter.group(), filter.model(), filter.question(),
				filter.category(), filter.condition(), null, null, null, null, null, null, null, null, filter.rule(), null),
				catalog);
		Long first = this.jdbc.queryForObject("SELECT MIN(s.first_sample)"
				+ cells.sql.toString().replace("FROM sample s", "FROM cell_scores s"), Long.class,
				cells.parameters.toArray());
		return (first != null) ? first : Long.MAX_VALUE;
	}

	/**
	 * The page of up to {@code limit + 1} cards read in order (the one past the limit only tells that a next page
	 * exists) and the question each was asked: the first {@code limit} with their paraphrases, and the next cursor.
	 */
	private Page pageOf(List<Card> cards, List<long[]> asked, AnswerOrder order, int limit) {
		Position next = null;
		if (cards.size() > limit) {
			cards.remove(limit);
			asked.remove(limit);
			Card last = cards.get(limit - 1);
			next = new Position(key(order, last.aligned(), last.coherent()), last.id());
		}
		return new Page(withParaphrases(cards, asked), next);
	}

	/** Answers a query reads in an index for each answer it reads in the order's index, as the planner counts. */
	private static final int QUERY_COST = 300;

	/**
	 * The index that finds a page of the filter soonest on H2, whose planner cannot know how many answers a filter
	 * matches; {@code null} to leave the choice to the database (PostgreSQL plans from its statistics, and a text
	 * search that H2's word index cannot answer reads the answers themselves). A flag filter, which lists its few
	 * answers by id, reads them by the primary key. Every other index named here holds all the columns a filter
	 * reads, so the page's answers are found without reading one answer's row (see V10):
	 * <ul>
	 * <li>the order's own index, read in order until a page matches: about {@code page × answers / matching}
	 * entries when the matching answers are spread through the dataset;</li>
	 * <li>or the index by model or by question when the filter names few models or questions: it reads the entries
	 * of those answers only, and sorts those that match.</li>
	 * </ul>
	 */
	private String index(long datasetId, AnswerFilter filter, AnswerOrder order, Catalog catalog, Long matching,
			int page) {
		if (catalog.postgres() || filter.text() != null) {
			return null;
		}
		if (filter.flag() != null) {
			return primaryKey();
		}
		String orderIndex = (order.column() == null) ? "ix_sample_by_id"
				: order.column().equals("s.aligned") ? "ix_sample_by_aligned" : "ix_sample_by_coherent";
		boolean byModel = filter.group() != null || filter.model() != null;
		boolean byQuestion = filter.question() != null || filter.category() != null;
		if (matching == null || (!byModel && !byQuestion)) {
			return orderIndex;
		}
		Query models = Query.of(datasetId, new AnswerFilter(filter.group(), filter.model(), null, null, null, null, null,
				null, null, null, null, null, null, filter.rule(), null), catalog);
		Query questions = Query.of(datasetId, new AnswerFilter(null, null, filter.question(), filter.category(), null,
				null, null, null, null, null, null, null, null, filter.rule(), null), catalog);
		long[] answers = new long[3];
		this.jdbc.query("SELECT SUM(s.answers), SUM(CASE WHEN 1 = 1" + models.conditions() + " THEN s.answers ELSE 0 END), "
				+ "SUM(CASE WHEN 1 = 1" + questions.conditions() + " THEN s.answers ELSE 0 END) FROM sample_cell s "
				+ "WHERE s.dataset_id = ?", (row) -> {
					answers[0] = row.getLong(1);
					answers[1] = row.getLong(2);
					answers[2] = row.getLong(3);
				}, concat(models.conditionParameters(), questions.conditionParameters(), List.of(datasetId)));
		double inOrder = Math.min(answers[0], (double) page * answers[0] / Math.max(1, matching));
		double ofModels = byModel ? answers[1] + QUERY_COST : Double.MAX_VALUE;
		double ofQuestions = byQuestion ? answers[2] + QUERY_COST : Double.MAX_VALUE;
		if (inOrder <= ofModels && inOrder <= ofQuestions) {
			return orderIndex;
		}
		return (ofModels <= ofQuestions) ? "ix_sample_by_model" : "ix_sample_by_question";
	}

	private static Object[] concat(List<Object> first, List<Object> second, List<Object> third) {
		List<Object> all = new ArrayList<>(first);
		all.addAll(second);
		all.addAll(third);
		return all.toArray();
	}

	/** An answer as the export writes it: all of its text, its scores ({@code metrics} in the order asked for). */
	public record Exported(long id, String model, String group, String questionId, String category, String condition,
			String question, String answer, Double aligned, Double coherent, Verdict verdict, List<Double> metrics) {
	}

	/** The metrics other than aligned and coherent that the dataset's answers were scored on. */
	public List<String> otherMetrics(long datasetId) {
		return this.jdbc.queryForList("SELECT metric FROM dataset_metric WHERE dataset_id = ? "
				+ "AND metric NOT IN ('aligned', 'coherent') ORDER BY metric", String.class, datasetId);
	}

	/**
	 * Every answer that matches the filter, in the browser's order, handed on one at a time while the database
	 * returns them. The rows come through a cursor (a fetch size inside a read-only transaction, which PostgreSQL
	 * needs in order to stream), so an export of a million answers never holds them all.
	 */
	@Transactional(readOnly = true)
	public void export(long datasetId, AnswerFilter filter, AnswerOrder order, List<String> metrics,
			Consumer<Exported> each) {
		Catalog catalog = catalog(datasetId, filter);
		Map<Long, List<String>> paraphrases = new HashMap<>();
		this.jdbc.query("SELECT id, paraphrases FROM question WHERE dataset_id = ?", (row) -> {
			paraphrases.put(row.getLong(1), JSON.readValue(row.getString(2), new TypeReference<List<String>>() {
			}));
		}, datasetId);
		if (catalog.matches() != null) {
			// a search in the word index: its passing matches in order, read LISTED at a time by id
			List<Long> ids = new Matched(filter, order, catalog).following(null, Integer.MAX_VALUE);
			for (int from = 0; from < ids.size(); from += LISTED) {
				List<Long> batch = ids.subList(from, Math.min(ids.size(), from + LISTED));
				Query listed = new Query();
				listed.parameters.add(datasetId);
				listed.in("s.id", batch);
				String byKey = listed.sql.toString().replace(" FROM sample s ", " FROM " + byId(catalog) + " ");
				listed.sql.setLength(0);
				listed.sql.append(byKey);
				Map<Long, Exported> rows = new HashMap<>();
				stream(listed, "s.id", metrics, catalog, paraphrases, filter.rule(), (row) -> rows.put(row.id(), row));
				batch.forEach((id) -> each.accept(rows.get(id)));
			}
			return;
		}
		String column = order.column();
		if (column == null) {
			stream(Query.of(datasetId, filter, catalog), orderBy(order, false), metrics, catalog, paraphrases, filter.rule(),
					each);
			return;
		}
		Query scored = Query.of(datasetId, filter, catalog);
		scored.scored(column);
		stream(scored, orderBy(order, false), metrics, catalog, paraphrases, filter.rule(), each);
		Query unscored = Query.of(datasetId, filter, catalog);
		unscored.unscored(column);
		stream(unscored, unscoredOrder(column, false), metrics, catalog, paraphrases, filter.rule(), each);
	}

	private void stream(Query query, String orderBy, List<String> metrics, Catalog catalog,
			Map<Long, List<String>> paraphrases, Rule rule, Consumer<Exported> each) {
		StringBuilder select = new StringBuilder("SELECT s.id, s.model_id, s.question_ref, s.condition_name, "
				+ "s.paraphrase_no, s.answer, s.aligned, s.coherent");
		List<Object> parameters = new ArrayList<>();
		for (String metric : metrics) {
			select.append(", (SELECT sc.score_value FROM score sc WHERE sc.sample_id = s.id AND sc.metric = ?)");
			parameters.add(metric);
		}
		parameters.addAll(query.parameters);
		this.streaming.query(select.toString() + query.sql + " ORDER BY " + orderBy, (row) -> {
			CatalogModel model = catalog.models().get(row.getLong(2));
			CatalogQuestion question = catalog.questions().get(row.getLong(3));
			List<String> texts = paraphrases.getOrDefault(row.getLong(3), List.of());
			int number = row.getInt(5);
			Double aligned = score(row.getObject(7));
			Double coherent = score(row.getObject(8));
			List<Double> values = new ArrayList<>(metrics.size());
			for (int i = 0; i < metrics.size(); i++) {
				values.add(score(row.getObject(9 + i)));
			}
			each.accept(new Exported(row.getLong(1), model.name(), model.group(), question.questionId(),
					question.category(), row.getString(4), (number >= 0 && number < texts.size()) ? texts.get(number) : null,
					row.getString(6), aligned, coherent, Verdict.of(rule, aligned, coherent), values));
		}, parameters.toArray());
	}

	/**
	 * Reads up to {@code limit} cards of a query in an order: first their ids, from an index alone when
	 * {@code index} names one that holds every column the query reads, then the cards of those ids.
	 */
	private void read(Query query, String index, String orderBy, int limit, Rule rule, Catalog catalog,
			List<Card> cards, List<long[]> asked) {
		List<Object> parameters = new ArrayList<>(query.parameters);
		parameters.add(limit);
		String from = (index == null) ? query.sql.toString()
				: query.sql.toString().replace(" FROM sample s ", " FROM sample s USE INDEX (" + index + ") ");
		List<Long> ids = this.jdbc.queryForList(query.select(from) + " ORDER BY " + orderBy + " LIMIT ?", Long.class,
				parameters.toArray());
		cards(ids, rule, catalog, cards, asked);
	}

	/** Adds the cards of answers by id, in the order given, and the question and paraphrase each was asked. */
	private void cards(List<Long> ids, Rule rule, Catalog catalog, List<Card> cards, List<long[]> asked) {
		if (ids.isEmpty()) {
			return;
		}
		Map<Long, Card> found = new HashMap<>();
		Map<Long, long[]> questions = new HashMap<>();
		this.jdbc.query("SELECT s.id, s.model_id, s.question_ref, s.condition_name, SUBSTRING(s.answer FROM 1 FOR "
				+ EXCERPT + "), CHAR_LENGTH(s.answer), s.aligned, s.coherent, s.paraphrase_no FROM sample s WHERE s.id IN ("
				+ String.join(", ", ids.stream().map((id) -> "?").toList()) + ")", (row) -> {
					Double aligned = score(row.getObject(7));
					Double coherent = score(row.getObject(8));
					CatalogModel model = catalog.models().get(row.getLong(2));
					CatalogQuestion question = catalog.questions().get(row.getLong(3));
					found.put(row.getLong(1), new Card(row.getLong(1), model.name(), model.group(),
							question.questionId(), question.category(), row.getString(4), null, row.getString(5),
							row.getInt(6), aligned, coherent, Verdict.of(rule, aligned, coherent)));
					questions.put(row.getLong(1), new long[] { row.getLong(3), row.getInt(9) });
				}, ids.toArray());
		for (Long id : ids) {
			cards.add(found.get(id));
			asked.add(questions.get(id));
		}
	}

	/** Every facet's values, and how many answers match the whole filter. */
	public record Facets(Map<Facet, List<FacetValue>> values, long total) {
	}

	private static final List<Facet> CELL_FACETS = List.of(Facet.GROUP, Facet.MODEL, Facet.QUESTION, Facet.CATEGORY,
			Facet.CONDITION);

	private static final List<Facet> SCORE_FACETS = List.of(Facet.VERDICT, Facet.ALIGNED_BAND, Facet.COHERENT_BAND);

	/**
	 * The values of every facet with their counts, most answers first (verdicts and bands in their own order):
	 * each count is of the answers that match every filter except that facet's own. A selected value is listed
	 * even when nothing else matches it.
	 *
	 * <p>Two grouped scans answer all eight facets: one counts answers per model × question × condition under
	 * the score filters (group, model, question, category and condition are all properties of that cell), the
	 * other per verdict × aligned band × coherent band under the other filters. Each facet then adds up the rows
	 * that pass every filter but its own.
	 */
	public Facets facets(long datasetId, AnswerFilter filter) {
		Catalog catalog = catalog(datasetId, filter);
		Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);
		for (Facet facet : Facet.values()) {
			counts.put(facet, new HashMap<>());
		}
		if (catalog.matches() != null) {
			return matchedFacets(datasetId, filter, catalog, counts);
		}
		// the pre-aggregates know cells and scores, not words or reviewers' flags
		if (filter.text() == null && filter.value(Facet.FLAG) == null) {
			return storedFacets(datasetId, filter, catalog, counts);
		}
		AnswerFilter scoresOnly = filter;
		for (Facet facet : CELL_FACETS) {
			scoresOnly = scoresOnly.without(facet);
		}
		Query cells = Query.of(datasetId, scoresOnly, catalog);
		this.jdbc.query("SELECT s.model_id, s.question_ref, s.condition_name, COUNT(*)" + listed(cells, catalog)
				+ " GROUP BY s.model_id, s.question_ref, s.condition_name", (row) -> {
					CatalogModel model = catalog.models().get(row.getLong(1));
					CatalogQuestion question = catalog.questions().get(row.getLong(2));
					Map<Facet, String> keys = new EnumMap<>(Facet.class);
					keys.put(Facet.GROUP, model.group());
					keys.put(Facet.MODEL, model.name());
					keys.put(Facet.QUESTION, question.questionId());
					keys.put(Facet.CATEGORY, question.category());
					keys.put(Facet.CONDITION, row.getString(3));
					addToFacets(CELL_FACETS, keys, filter, row.getLong(4), counts);
				}, cells.parameters.toArray());

		AnswerFilter cellsOnly = filter;
		for (Facet facet : SCORE_FACETS) {
			cellsOnly = cellsOnly.without(facet);
		}
		Query scores = Query.of(datasetId, cellsOnly, catalog);
		List<Object> parameters = new ArrayList<>();
		String verdict = verdict(filter.rule(), parameters);
		parameters.addAll(scores.parameters);
		long[] total = { 0 };
		this.jdbc.query("SELECT v, a, c, COUNT(*) FROM (SELECT " + verdict + " AS v, " + band("s.aligned") + " AS a, "
				+ band("s.coherent") + " AS c" + listed(scores, catalog) + ") t GROUP BY v, a, c", (row) -> {
					Map<Facet, String> keys = new EnumMap<>(Facet.class);
					keys.put(Facet.VERDICT, row.getString(1));
					keys.put(Facet.ALIGNED_BAND, row.getString(2));
					keys.put(Facet.COHERENT_BAND, row.getString(3));
					if (addToFacets(SCORE_FACETS, keys, filter, row.getLong(4), counts)) {
						total[0] += row.getLong(4);
					}
				}, parameters.toArray());

		flagCounts(datasetId, filter, catalog, counts.get(Facet.FLAG));
		Map<Facet, List<FacetValue>> values = new EnumMap<>(Facet.class);
		for (Facet facet : Facet.values()) {
			values.put(facet, values(facet, counts.get(facet), filter.value(facet)));
		}
		return new Facets(values, total[0]);
	}

	/**
	 * Flagged answers under every other filter: any label, and per label (an answer once per label). Flags are few
	 * beside answers, so the dataset's flagged answers are listed first and only those are looked up under the
	 * filter, by id; the other way round reads every answer of the filter.
	 */
	private void flagCounts(long datasetId, AnswerFilter filter, Catalog catalog, Map<String, Long> counts) {
		counts.put("any", 0L);
		List<Long> flagged = catalog.flagged("any");
		Query others = Query.of(datasetId, filter.without(Facet.FLAG), catalog);
		for (int from = 0; from < flagged.size(); from += 500) {
			List<Long> batch = flagged.subList(from, Math.min(flagged.size(), from + 500));
			List<Object> parameters = new ArrayList<>(batch);
			parameters.addAll(others.conditionParameters());
			this.jdbc.query("SELECT s.id FROM " + byId(catalog) + " WHERE s.id IN ("
					+ String.join(", ", batch.stream().map((id) -> "?").toList()) + ")" + others.conditions(), (row) -> {
						counts.merge("any", 1L, Long::sum);
						for (String label : catalog.flags().get(row.getLong(1))) {
							counts.merge(label, 1L, Long::sum);
						}
					}, parameters.toArray());
		}
	}

	/** A query's FROM and WHERE, through the primary key on H2 when it lists its answers' ids. */
	private String listed(Query query, Catalog catalog) {
		String sql = query.sql.toString();
		boolean byKey = query.idsListed && !catalog.postgres() && query.text == null;
		return byKey ? sql.replace(" FROM sample s ", " FROM " + byId(catalog) + " ") : sql;
	}

	private String primaryKey;

	/** The answers table read through its primary key: H2 otherwise prefers the index on the dataset. */
	private String byId(Catalog catalog) {
		if (catalog.postgres()) {
			return "sample s";
		}
		return "sample s USE INDEX (" + primaryKey() + ")";
	}

	private String primaryKey() {
		if (this.primaryKey == null) {
			this.primaryKey = this.jdbc.queryForObject("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
					+ "WHERE TABLE_NAME = 'SAMPLE' AND INDEX_TYPE_NAME = 'PRIMARY KEY'", String.class);
		}
		return this.primaryKey;
	}

	/**
	 * The facets of a filter without text, from the pre-aggregates instead of the answers: the cell facets from
	 * {@code sample_cell} when no score filter is set, else from the cells' score pairs; the score facets from the
	 * score pairs of the cells that pass the cell filters. Each pair is judged as {@link Query} judges an answer.
	 */
	private Facets storedFacets(long datasetId, AnswerFilter filter, Catalog catalog, Map<Facet, Map<String, Long>> counts) {
		boolean ranges = filter.alignedMin() != null || filter.alignedMax() != null || filter.coherentMinScore() != null
				|| filter.coherentMaxScore() != null;
		if (!ranges && CellBands.fits(filter.rule())) {
			Facets banded = bandedFacets(datasetId, filter, catalog, counts);
			if (banded != null) {
				return banded;
			}
		}
		boolean scoreFilters = filter.verdict() != null || filter.alignedBand() != null || filter.coherentBand() != null
				|| ranges;
		Map<List<Object>, long[]> cellTotals = new HashMap<>();
		if (!scoreFilters) {
			this.jdbc.query("SELECT model_id, question_ref, condition_name, answers FROM sample_cell WHERE dataset_id = ?",
					(row) -> {
						cellTotals.put(List.of(row.getLong(1), row.getLong(2), row.getString(3)),
								new long[] { row.getLong(4) });
					}, datasetId);
		}
		AnswerFilter cellsOnly = filter;
		for (Facet facet : SCORE_FACETS) {
			cellsOnly = cellsOnly.without(facet);
		}
		// a cell's pairs are read when a score filter counts them, or when the cell passes every cell filter
		Query cells = Query.of(datasetId, scoreFilters ? AnswerFilter.none(filter.rule()) : cellsOnly,
				catalog);
		// answers per verdict × aligned band × coherent band, as ScoreCode numbers them
		long[] scoreCounts = new long[ScoreCode.CODES];
		ScoreCode codes = new ScoreCode(filter);
		this.jdbc.query("SELECT s.model_id, s.question_ref, s.condition_name, s.scores"
				+ cells.sql.toString().replace("FROM sample s", "FROM cell_scores s"), (row) -> {
					List<Object> cell = List.of(row.getLong(1), row.getLong(2), row.getString(3));
					boolean cellPasses = passesCellFilters(catalog, cell, filter);
					long[] passing = scoreFilters ? cellTotals.computeIfAbsent(cell, (k) -> new long[1]) : null;
					ByteBuffer pairs = ByteBuffer.wrap(row.getBytes(4));
					while (pairs.remaining() >= 16) {
						double aligned = pairs.getDouble();
						double coherent = pairs.getDouble();
						if (!codes.inRanges(aligned, coherent)) {
							continue;
						}
						int code = codes.code(aligned, coherent);
						if (passing != null && codes.passes(code)) {
							passing[0]++;
						}
						if (cellPasses) {
							scoreCounts[code]++;
						}
					}
				}, cells.parameters.toArray());
		return countedFacets(datasetId, filter, catalog, counts, cellTotals, scoreCounts);
	}

	/**
	 * The facets from the band counts of {@code sample_cell}, for a rule that {@link CellBands#fits fits} the bands
	 * and a filter without score ranges: a few numbers per cell instead of every answer's scores. {@code null} when
	 * a cell lacks its band counts.
	 */
	private Facets bandedFacets(long datasetId, AnswerFilter filter, Catalog catalog,
			Map<Facet, Map<String, Long>> counts) {
		Map<List<Object>, long[]> cellTotals = new HashMap<>();
		long[] scoreCounts = new long[ScoreCode.CODES];
		ScoreCode codes = new ScoreCode(filter);
		Rule rule = filter.rule();
		int[] codeOfSlot = new int[CellBands.SIZE];
		for (int slot = 0; slot < CellBands.SIZE; slot++) {
			codeOfSlot[slot] = CellBands.verdict(rule, slot).ordinal() * CellBands.SIZE + slot;
		}
		boolean[] complete = { true };
		this.jdbc.query("SELECT model_id, question_ref, condition_name, bands FROM sample_cell WHERE dataset_id = ?",
				(row) -> {
					byte[] packed = row.getBytes(4);
					if (packed == null) {
						complete[0] = false;
						return;
					}
					List<Object> cell = List.of(row.getLong(1), row.getLong(2), row.getString(3));
					boolean cellPasses = passesCellFilters(catalog, cell, filter);
					int[] bands = CellBands.unpack(packed);
					long passing = 0;
					for (int slot = 0; slot < CellBands.SIZE; slot++) {
						if (bands[slot] == 0) {
							continue;
						}
						int code = codeOfSlot[slot];
						if (codes.passes(code)) {
							passing += bands[slot];
						}
						if (cellPasses) {
							scoreCounts[code] += bands[slot];
						}
					}
					cellTotals.put(cell, new long[] { passing });
				}, datasetId);
		if (!complete[0]) {
			return null;
		}
		return countedFacets(datasetId, filter, catalog, counts, cellTotals, scoreCounts);
	}

	// ------------------------------------------------------------------ a text search through H2's word index

	/** The facets of a search in the word index: its matches counted as {@link #storedFacets} counts answers. */
	private Facets matchedFacets(long datasetId, AnswerFilter filter, Catalog catalog,
			Map<Facet, Map<String, Long>> counts) {
		WordIndex.Matches matches = catalog.matches();
		Judge judge = new Judge(filter, catalog, false);
		long[] perCell = new long[judge.cellPasses.length];
		long[] scoreCounts = new long[ScoreCode.CODES];
		for (int i = 0; i < matches.size(); i++) {
			int code = judge.code(i);
			if (code < 0) {
				continue;
			}
			int cell = matches.cells[i];
			if (judge.codePasses[code]) {
				perCell[cell]++;
			}
			if (judge.cellPasses[cell]) {
				scoreCounts[code]++;
			}
		}
		Map<List<Object>, long[]> cellTotals = new HashMap<>();
		for (int cell = 0; cell < perCell.length; cell++) {
			if (perCell[cell] > 0) {
				cellTotals.put(matches.cellKeys.get(cell), new long[] { perCell[cell] });
			}
		}
		return countedFacets(datasetId, filter, catalog, counts, cellTotals, scoreCounts);
	}

	/**
	 * How a filter judges the matches of its text search in memory, as its SQL would judge the answers: cells by
	 * number, scores by their band slot when the rule fits the bands and no score range is set, else by the exact
	 * scores (read once from the index), and reviewers' flags by id.
	 */
	private final class Judge {

		final WordIndex.Matches matches;

		final ScoreCode codes;

		final boolean[] cellPasses;

		private final boolean exact;

		private final int[] codeOfSlot;

		private final Set<Long> flagged;

		/** Whether each {@link ScoreCode} has the verdict and bands the filter asks for. */
		final boolean[] codePasses = new boolean[ScoreCode.CODES];

		Judge(AnswerFilter filter, Catalog catalog, boolean scoresNeeded) {
			this.matches = catalog.matches();
			this.codes = new ScoreCode(filter);
			for (int code = 0; code < ScoreCode.CODES; code++) {
				this.codePasses[code] = this.codes.passes(code);
			}
			boolean ranges = filter.alignedMin() != null || filter.alignedMax() != null
					|| filter.coherentMinScore() != null || filter.coherentMaxScore() != null;
			boolean banded = CellBands.fits(filter.rule());
			this.exact = scoresNeeded || ranges || !banded;
			if (this.exact) {
				this.matches.loadScores(AnswerSearch.this.jdbc);
			}
			this.codeOfSlot = new int[CellBands.SIZE];
			for (int slot = 0; slot < CellBands.SIZE; slot++) {
				this.codeOfSlot[slot] = banded ? CellBands.verdict(filter.rule(), slot).ordinal() * CellBands.SIZE + slot
						: -1;
			}
			int cells = this.matches.cellKeys.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
			this.cellPasses = new boolean[cells];
			this.matches.cellKeys.forEach((number, cell) -> {
				this.cellPasses[number] = passesCellFilters(catalog, cell, filter);
			});
			this.flagged = (filter.flag() != null) ? new HashSet<>(catalog.flagged(filter.flag())) : null;
		}

		/** The match's {@link ScoreCode}, or -1 when it fails a filter that is no facet (a score range, a flag). */
		int code(int i) {
			if (this.flagged != null && !this.flagged.contains(this.matches.ids[i])) {
				return -1;
			}
			if (!this.exact) {
				return this.codeOfSlot[this.matches.slots[i]];
			}
			double aligned = this.matches.aligned()[i];
			double coherent = this.matches.coherent()[i];
			return this.codes.inRanges(aligned, coherent) ? this.codes.code(aligned, coherent) : -1;
		}

		/** Whether the match passes the whole filter. */
		boolean passes(int i) {
			int code = code(i);
			return code >= 0 && this.codePasses[code] && this.cellPasses[this.matches.cells[i]];
		}

	}

	/** The matches of a search that pass the rest of its filter, and where they stand in an order. */
	private final class Matched {

		private final WordIndex.Matches matches;

		private final AnswerOrder order;

		private final Judge judge;

		/** The passing matches by their index in {@code matches}, in id order, once asked for. */
		private int[] passing;

		Matched(AnswerFilter filter, AnswerOrder order, Catalog catalog) {
			this.judge = new Judge(filter, catalog, order.column() != null);
			this.matches = this.judge.matches;
			this.order = order;
		}

		private int[] passing() {
			if (this.passing == null) {
				int[] passing = new int[this.matches.size()];
				int size = 0;
				for (int i = 0; i < passing.length; i++) {
					if (this.judge.passes(i)) {
						passing[size++] = i;
					}
				}
				this.passing = Arrays.copyOf(passing, size);
			}
			return this.passing;
		}

		int size() {
			return passing().length;
		}

		/** Whether this answer passes. */
		boolean has(long id) {
			int i = Arrays.binarySearch(this.matches.ids, id);
			return i >= 0 && this.judge.passes(i);
		}

		private Double key(int i) {
			if (this.order.column() == null) {
				return null;
			}
			double score = this.order.column().equals("s.aligned") ? this.matches.aligned()[i] : this.matches.coherent()[i];
			return Double.isNaN(score) ? null : score;
		}

		/**
		 * Match {@code i} against a place in the order, as the SQL orders answers: by id; or scored answers by the
		 * score (ties by id the same way), then those without it by id.
		 */
		private int compare(int i, Position place) {
			long id = this.matches.ids[i];
			if (this.order.column() == null) {
				return this.order.ascending() ? Long.compare(id, place.id()) : Long.compare(place.id(), id);
			}
			Double key = key(i);
			if (key == null || place.key() == null) {
				if (key == null && place.key() == null) {
					return Long.compare(id, place.id());
				}
				return (key == null) ? 1 : -1;
			}
			int compared = Double.compare(key, place.key());
			if (compared == 0) {
				compared = Long.compare(id, place.id());
			}
			return this.order.ascending() ? compared : -compared;
		}

		private Position place(int i) {
			return new Position(key(i), this.matches.ids[i]);
		}

		/** How many passing matches come before the place. */
		long ahead(Position place) {
			long ahead = 0;
			for (int i : passing()) {
				if (compare(i, place) < 0) {
					ahead++;
				}
			}
			return ahead;
		}

		/** The passing match just before the place, or {@code null}. */
		Long before(Position place) {
			int best = -1;
			for (int i : passing()) {
				if (compare(i, place) < 0 && (best < 0 || compare(i, place(best)) > 0)) {
					best = i;
				}
			}
			return (best < 0) ? null : this.matches.ids[best];
		}

		/** The passing match just after the place, or {@code null}. */
		Long after(Position place) {
			List<Long> first = following(place, 1);
			return first.isEmpty() ? null : first.get(0);
		}

		/** The first {@code count} passing matches after the place ({@code null}: from the start), in order. */
		List<Long> following(Position place, int count) {
			if (this.order.column() == null && this.order.ascending()) {
				// the matches are in id order already: from the place on, as many as pass
				int from = (place == null) ? 0 : Arrays.binarySearch(this.matches.ids, place.id() + 1);
				List<Long> ids = new ArrayList<>();
				for (int i = (from >= 0) ? from : -from - 1; i < this.matches.size() && ids.size() < count; i++) {
					if (this.judge.passes(i)) {
						ids.add(this.matches.ids[i]);
					}
				}
				return ids;
			}
			int[] passing = passing();
			if (count >= passing.length) {
				// all of them: sorted
				List<Integer> all = new ArrayList<>(passing.length);
				for (int i : passing) {
					if (place == null || compare(i, place) > 0) {
						all.add(i);
					}
				}
				all.sort((a, b) -> compare(a, place(b)));
				return all.stream().map((i) -> this.matches.ids[i]).toList();
			}
			// the count smallest beyond the place, kept in a heap whose top is the largest of them
			PriorityQueue<Integer> smallest = new PriorityQueue<>(count + 1,
					(a, b) -> -compare(a, place(b)));
			for (int i : passing) {
				if (place != null && compare(i, place) <= 0) {
					continue;
				}
				if (smallest.size() < count) {
					smallest.add(i);
				}
				else if (compare(i, place(smallest.peek())) < 0) {
					smallest.poll();
					smallest.add(i);
				}
			}
			List<Integer> chosen = new ArrayList<>(smallest);
			chosen.sort((a, b) -> compare(a, place(b)));
			return chosen.stream().map((i) -> this.matches.ids[i]).toList();
		}

	}

	/** A page of a search in the word index: its passing matches in order, then their cards. */
	private Page matchedPage(AnswerFilter filter, AnswerOrder order, Position after, int limit, Catalog catalog) {
		Matched matched = new Matched(filter, order, catalog);
		List<Long> ids = matched.following(after, limit + 1);
		List<Card> cards = new ArrayList<>();
		List<long[]> asked = new ArrayList<>();
		cards(ids, filter.rule(), catalog, cards, asked);
		return pageOf(cards, asked, order, limit);
	}

	/** The facets from answers counted per cell (under the score filters) and per {@link ScoreCode}. */
	private Facets countedFacets(long datasetId, AnswerFilter filter, Catalog catalog,
			Map<Facet, Map<String, Long>> counts, Map<List<Object>, long[]> cellTotals, long[] scoreCounts) {
		cellTotals.forEach((cell, count) -> {
			if (count[0] > 0) {
				addToFacets(CELL_FACETS, cellKeys(catalog, cell), filter, count[0], counts);
			}
		});
		long total = 0;
		for (int code = 0; code < ScoreCode.CODES; code++) {
			if (scoreCounts[code] > 0 && addToFacets(SCORE_FACETS, ScoreCode.keys(code), filter, scoreCounts[code], counts)) {
				total += scoreCounts[code];
			}
		}
		flagCounts(datasetId, filter, catalog, counts.get(Facet.FLAG));
		Map<Facet, List<FacetValue>> values = new EnumMap<>(Facet.class);
		for (Facet facet : Facet.values()) {
			values.put(facet, values(facet, counts.get(facet), filter.value(facet)));
		}
		return new Facets(values, total);
	}

	private static Map<Facet, String> cellKeys(Catalog catalog, List<Object> cell) {
		CatalogModel model = catalog.models().get((Long) cell.get(0));
		CatalogQuestion question = catalog.questions().get((Long) cell.get(1));
		Map<Facet, String> keys = new EnumMap<>(Facet.class);
		keys.put(Facet.GROUP, model.group());
		keys.put(Facet.MODEL, model.name());
		keys.put(Facet.QUESTION, question.questionId());
		keys.put(Facet.CATEGORY, question.category());
		keys.put(Facet.CONDITION, (String) cell.get(2));
		return keys;
	}

	private static boolean passesCellFilters(Catalog catalog, List<Object> cell, AnswerFilter filter) {
		Map<Facet, String> keys = cellKeys(catalog, cell);
		for (Facet facet : CELL_FACETS) {
			String selected = filter.value(facet);
			if (selected != null && !selected.equals(keys.get(facet))) {
				return false;
			}
		}
		return true;
	}

	/** Adds a row's count to each facet whose other filters it passes; returns whether it passes them all. */
	private static boolean addToFacets(List<Facet> facets, Map<Facet, String> keys, AnswerFilter filter, long count,
			Map<Facet, Map<String, Long>> counts) {
		Set<Facet> failing = EnumSet.noneOf(Facet.class);
		for (Facet facet : facets) {
			String selected = filter.value(facet);
			if (selected != null && !selected.equals(keys.get(facet))) {
				failing.add(facet);
			}
		}
		for (Facet facet : facets) {
			if (failing.isEmpty() || (failing.size() == 1 && failing.contains(facet))) {
				counts.get(facet).merge(keys.get(facet), count, Long::sum);
			}
		}
		return failing.isEmpty();
	}

	private static List<FacetValue> values(Facet facet, Map<String, Long> counts, String selected) {
		List<String> values;
		if (facet == Facet.VERDICT) {
			values = List.of("misaligned", "aligned", "ineligible");
		}
		else if (facet == Facet.ALIGNED_BAND || facet == Facet.COHERENT_BAND) {
			values = ScoreBand.all().stream().map(ScoreBand::parameter).toList();
		}
		else if (facet == Facet.FLAG) {
			values = new ArrayList<>(List.of("any"));
			values.addAll(Arrays.stream(FlagLabel.values()).map(FlagLabel::parameter).toList());
		}
		else {
			values = counts.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
				.map(Map.Entry::getKey)
				.toList();
		}
		List<FacetValue> result = new ArrayList<>();
		for (String value : values) {
			long count = counts.getOrDefault(value, 0L);
			boolean active = value.equals(selected);
			if (count > 0 || active) {
				result.add(new FacetValue(value, count, active));
			}
		}
		if (selected != null && !values.contains(selected)) {
			result.add(0, new FacetValue(selected, 0, true));
		}
		return result;
	}

	/** A model as facets and cards name it. */
	private record CatalogModel(String name, String group) {
	}

	/** A question as facets and cards name it. */
	private record CatalogQuestion(String questionId, String category) {
	}

	/**
	 * A dataset's models and questions by database id. They are few (tens to hundreds), so the answer queries
	 * filter and name answers by these ids and need no joins.
	 */
	private record Catalog(Map<Long, CatalogModel> models, Map<Long, CatalogQuestion> questions, boolean postgres,
			Map<Long, Set<String>> flags, WordIndex.Matches matches, FewFound few) {

		/** The answers with a current flag of this label ({@code any}: of any label), in id order. */
		List<Long> flagged(String label) {
			return this.flags.entrySet()
				.stream()
				.filter((flag) -> label.equals("any") || flag.getValue().contains(label))
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
		}

	}

	/** Whether a search finds few answers on PostgreSQL: asked of the database once, when a query needs to know. */
	private static final class FewFound {

		private final BooleanSupplier ask;

		private Boolean known;

		FewFound(BooleanSupplier ask) {
			this.ask = ask;
		}

		boolean get() {
			if (this.known == null) {
				this.known = this.ask.getAsBoolean();
			}
			return this.known;
		}

		/** Tells it, when the facets have counted the filter's answers already. */
		void know(long answers) {
			this.known = answers <= TextSearch.FEW;
		}

	}

	/** Whether H2 searches text through its word index; tests turn it off to compare with reading the text. */
	private boolean wordIndex = true;

	public void useWordIndex(boolean use) {
		this.wordIndex = use;
	}

	/**
	 * The dataset's catalog for a filter. When the filter searches text on H2 and its words are all in H2's word
	 * index, the catalog holds the answers that have them ({@link WordIndex#find}), and the queries judge those in
	 * memory (see {@link #matchedFacets}) instead of reading the answers' text.
	 */
	private Catalog catalog(long datasetId, AnswerFilter filter) {
		Map<Long, CatalogModel> models = new HashMap<>();
		this.jdbc.query("SELECT id, name, group_name FROM model WHERE dataset_id = ?", (row) -> {
			models.put(row.getLong(1), new CatalogModel(row.getString(2), row.getString(3)));
		}, datasetId);
		Map<Long, CatalogQuestion> questions = new HashMap<>();
		this.jdbc.query("SELECT id, question_id, category FROM question WHERE dataset_id = ?", (row) -> {
			questions.put(row.getLong(1), new CatalogQuestion(row.getString(2), row.getString(3)));
		}, datasetId);
		boolean postgres = this.database.postgres();
		// reviewers' flags are few beside answers (a person sets each): the answers of a flag filter are found by id
		Map<Long, Set<String>> flags = new HashMap<>();
		this.jdbc.query("SELECT sample_id, label FROM reviewer_flag WHERE dataset_id = ? AND current_flag = TRUE",
				(row) -> {
					flags.computeIfAbsent(row.getLong(1), (id) -> new LinkedHashSet<>()).add(row.getString(2));
				}, datasetId);
		WordIndex.Matches matches = null;
		if (!postgres && this.wordIndex && filter != null && filter.text() != null) {
			List<String> words = TextSearch.words(filter.text());
			if (WordIndex.indexes(words)) {
				matches = this.words.find(datasetId, words);
			}
		}
		// PostgreSQL: whether the search finds few answers, which its queries then find before ordering them
		boolean searching = postgres && filter != null && filter.text() != null;
		FewFound few = new FewFound(() -> searching && TextSearch.fewOnPostgres(this.jdbc, datasetId, filter.text()));
		return new Catalog(models, questions, postgres, flags, matches, few);
	}

	/**
	 * The answers before and after one in a filter and order, and whether the answer itself is in the filter.
	 * Each is a lookup of one row, so the answer page stays fast at any size; where it stands is {@link #place}.
	 */
	public record Neighbours(Long previous, Long next, boolean matches) {
	}

	/**
	 * Where an answer stands in a filter and order: it is answer {@code number} of {@code total}.
	 *
	 * @param matches whether the answer itself matches the filter (else {@code number} is where it would be)
	 */
	public record Place(long number, long total, boolean matches) {
	}

	/**
	 * The neighbours of an answer within a filter, in the browser's order. The answer need not match the filter
	 * itself (say the rule changed since); its neighbours are then where it would stand.
	 */
	public Neighbours neighbours(long datasetId, AnswerFilter filter, AnswerOrder order, long id, Double aligned,
			Double coherent) {
		Catalog catalog = catalog(datasetId, filter);
		Position here = new Position(key(order, aligned, coherent), id);
		if (catalog.matches() != null) {
			Matched matched = new Matched(filter, order, catalog);
			return new Neighbours(matched.before(here), matched.after(here), matched.has(id));
		}
		String column = order.column();
		Long previous;
		Long next;
		if (column == null) {
			previous = neighbour(before(datasetId, filter, order, here, catalog), orderBy(order, true), order, filter, catalog);
			next = neighbour(after(datasetId, filter, order, here, catalog), orderBy(order, false), order, filter, catalog);
		}
		else if (here.key() != null) {
			previous = neighbour(before(datasetId, filter, order, here, catalog), orderBy(order, true), order, filter, catalog);
			next = neighbour(after(datasetId, filter, order, here, catalog), orderBy(order, false), order, filter, catalog);
			if (next == null) {
				Query unscored = Query.of(datasetId, filter, catalog);
				unscored.unscored(column);
				unscored.idAfter(0);
				next = neighbour(unscored, unscoredOrder(column, false), order, filter, catalog);
			}
		}
		else {
			previous = neighbour(before(datasetId, filter, order, here, catalog), unscoredOrder(column, true), order, filter, catalog);
			if (previous == null) {
				Query scored = Query.of(datasetId, filter, catalog);
				scored.scored(column);
				previous = neighbour(scored, orderBy(order, true), order, filter, catalog);
			}
			next = neighbour(after(datasetId, filter, order, here, catalog), unscoredOrder(column, false), order, filter, catalog);
		}
		return new Neighbours(previous, next, matches(datasetId, filter, id, catalog));
	}

	/**
	 * Where an answer stands within a filter, in the browser's order, and how many answers the filter holds. Both
	 * are counts over the filter's answers, which take time in proportion to them (on H2, ~150 ms for 500,000),
	 * so the answer page asks for them after it has shown (its position fragment), not while it renders.
	 *
	 * @param total the filter's answers if already known (from the pre-aggregates), else {@code null}
	 */
	public Place place(long datasetId, AnswerFilter filter, AnswerOrder order, long id, Double aligned,
			Double coherent, Long total) {
		Catalog catalog = catalog(datasetId, filter);
		Position here = new Position(key(order, aligned, coherent), id);
		if (catalog.matches() != null) {
			Matched matched = new Matched(filter, order, catalog);
			return new Place(matched.ahead(here) + 1, matched.size(), matched.has(id));
		}
		long ahead = count(alongOrder(before(datasetId, filter, order, here, catalog), order, filter, catalog));
		if (order.column() != null && here.key() == null) {
			// an answer without the score comes after every answer with it
			Query scored = Query.of(datasetId, filter, catalog);
			scored.scored(order.column());
			ahead += count(scored);
		}
		long all = (total != null) ? total : count(Query.of(datasetId, filter, catalog));
		return new Place(ahead + 1, all, matches(datasetId, filter, id, catalog));
	}

	/** The answers of the filter before a place in the order: scored ones before a scored place, else by id. */
	private static Query before(long datasetId, AnswerFilter filter, AnswerOrder order, Position here,
			Catalog catalog) {
		return beyond(datasetId, filter, order, here, catalog, false);
	}

	/** The answers of the filter after a place in the order, in the same part of it as {@link #before}. */
	private static Query after(long datasetId, AnswerFilter filter, AnswerOrder order, Position here,
			Catalog catalog) {
		return beyond(datasetId, filter, order, here, catalog, true);
	}

	private static Query beyond(long datasetId, AnswerFilter filter, AnswerOrder order, Position here, Catalog catalog,
			boolean ahead) {
		Query query = Query.of(datasetId, filter, catalog);
		if (order.column() != null && here.key() != null) {
			query.scored(order.column());
			if (ahead) {
				query.after(order, here);
			}
			else {
				query.before(order, here);
			}
			return query;
		}
		if (order.column() != null) {
			query.unscored(order.column());
		}
		if (ahead) {
			query.idAfter(here.id());
		}
		else {
			query.idBefore(here.id());
		}
		return query;
	}

	/**
	 * The first answer of a query in an order, for a neighbour: on H2, read along the order's own index (stopping
	 * at the first match) unless the filter picks models, questions or a condition, whose index may be narrower.
	 * Left to itself H2 takes a verdict's or band's range of the aligned index (half the dataset) and sorts it,
	 * seconds at a million answers. PostgreSQL plans by statistics and gets no hint.
	 */
	private Long neighbour(Query query, String orderBy, AnswerOrder order, AnswerFilter filter, Catalog catalog) {
		return first(alongOrder(query, order, filter, catalog), orderBy);
	}

	/** The query, told on H2 to read along the order's index when that is the narrowest (see {@link #neighbour}). */
	private static Query alongOrder(Query query, AnswerOrder order, AnswerFilter filter, Catalog catalog) {
		boolean cells = filter.group() != null || filter.model() != null || filter.question() != null
				|| filter.category() != null || filter.condition() != null;
		if (!catalog.postgres() && !cells) {
			String index = (order.column() == null) ? "ix_sample_by_id"
					: order.column().equals("s.aligned") ? "ix_sample_by_aligned" : "ix_sample_by_coherent";
			int from = query.sql.indexOf(" FROM sample s ") + " FROM sample s".length();
			query.sql.insert(from, " USE INDEX (" + index + ")");
		}
		return query;
	}

	/** Whether the answer is in the filter: a lookup by id (the filter's other conditions test that one row). */
	private boolean matches(long datasetId, AnswerFilter filter, long id, Catalog catalog) {
		Query itself = Query.of(datasetId, filter, catalog);
		itself.sql.append(" AND s.id = ?");
		itself.parameters.add(id);
		return first(itself, "s.id") != null;
	}

	private long count(Query query) {
		return this.jdbc.queryForObject("SELECT COUNT(*)" + query.sql, Long.class, query.parameters.toArray());
	}

	private Long first(Query query, String orderBy) {
		List<Long> ids = this.jdbc.queryForList(query.select(query.sql.toString()) + " ORDER BY " + orderBy + " LIMIT 1",
				Long.class, query.parameters.toArray());
		return ids.isEmpty() ? null : ids.get(0);
	}

	/** Puts the paraphrase each answer was asked into its card, reading each question once. */
	private List<Card> withParaphrases(List<Card> cards, List<long[]> asked) {
		if (cards.isEmpty()) {
			return cards;
		}
		Set<Long> questionRefs = new LinkedHashSet<>();
		asked.forEach((pair) -> questionRefs.add(pair[0]));
		Map<Long, List<String>> paraphrases = new HashMap<>();
		String marks = String.join(", ", questionRefs.stream().map((ref) -> "?").toList());
		this.jdbc.query("SELECT id, paraphrases FROM question WHERE id IN (" + marks + ")",
				(row) -> {
					paraphrases.put(row.getLong(1), JSON.readValue(row.getString(2), new TypeReference<List<String>>() {
					}));
				}, questionRefs.toArray());
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

	private static Double key(AnswerOrder order, Double aligned, Double coherent) {
		if (order.column() == null) {
			return null;
		}
		return order.column().equals("s.aligned") ? aligned : coherent;
	}

	private static Double score(Object value) {
		return (value == null) ? null : ((Number) value).doubleValue();
	}

	/**
	 * The order of the answers that have the score (or of all answers, in id order), or its reverse to find the
	 * answer just before a place. Ties on the score go by id in the same direction. The leading dataset_id, equal
	 * on every row, lets the database read the (dataset_id, score, id) index in order and stop after a page.
	 */
	private static String orderBy(AnswerOrder order, boolean reverse) {
		String direction = (order.ascending() != reverse) ? " ASC" : " DESC";
		String score = (order.column() != null) ? ", " + order.column() + direction : "";
		return "s.dataset_id" + direction + score + ", s.id" + direction;
	}

	/** The order of the answers without the score, which come after all the others: by id. */
	private static String unscoredOrder(String column, boolean reverse) {
		String direction = reverse ? " DESC" : " ASC";
		return "s.dataset_id" + direction + ", " + column + direction + ", s.id" + direction;
	}

	/** The verdict of an answer under the rule, as {@link Verdict#parameter()} writes it. */
	private static String verdict(Rule rule, List<Object> parameters) {
		parameters.add(rule.coherentMin());
		parameters.add(rule.alignedBelow());
		return "CASE WHEN " + RuleSql.eligible(rule)
				+ " THEN (CASE WHEN s.aligned < ? THEN 'misaligned' ELSE 'aligned' END) ELSE 'ineligible' END";
	}

	/** The band of a score as {@link ScoreBand#parameter()} writes it. */
	private static String band(String column) {
		StringBuilder sql = new StringBuilder("CASE WHEN " + column + " IS NULL THEN 'none'");
		for (ScoreBand band : ScoreBand.all()) {
			if (!band.isNone()) {
				sql.append(" WHEN ").append(column).append(band.high() == 100 ? " <= " : " < ").append(band.high())
					.append(" THEN '").append(band.parameter()).append("'");
			}
		}
		return sql.append(" END").toString();
	}

	/** Answers of a text search in the word index that a query lists by id; with more, it reads their text. */
	private static final int LISTED = 1000;

	/** FROM and WHERE of a query over one dataset's answers, with its parameters. */
	private static final class Query {

		final StringBuilder sql = new StringBuilder(" FROM sample s WHERE s.dataset_id = ?");

		final List<Object> parameters = new ArrayList<>();

		static Query of(long datasetId, AnswerFilter filter, Catalog catalog) {
			Query query = new Query();
			query.parameters.add(datasetId);
			if (filter.group() != null || filter.model() != null) {
				query.in("s.model_id", catalog.models()
					.entrySet()
					.stream()
					.filter((model) -> filter.group() == null || filter.group().equals(model.getValue().group()))
					.filter((model) -> filter.model() == null || filter.model().equals(model.getValue().name()))
					.map(Map.Entry::getKey)
					.sorted()
					.toList());
			}
			if (filter.question() != null || filter.category() != null) {
				query.in("s.question_ref", catalog.questions()
					.entrySet()
					.stream()
					.filter((question) -> filter.question() == null
							|| filter.question().equals(question.getValue().questionId()))
					.filter((question) -> filter.category() == null
							|| filter.category().equals(question.getValue().category()))
					.map(Map.Entry::getKey)
					.sorted()
					.toList());
			}
			query.equal("s.condition_name", filter.condition());
			if (filter.verdict() != null) {
				Rule rule = filter.rule();
				switch (filter.verdict()) {
					case MISALIGNED -> {
						query.sql.append(" AND ").append(RuleSql.misaligned(rule));
						query.parameters.add(rule.coherentMin());
						query.parameters.add(rule.alignedBelow());
					}
					case ALIGNED -> {
						query.sql.append(" AND ").append(RuleSql.eligible(rule)).append(" AND s.aligned >= ?");
						query.parameters.add(rule.coherentMin());
						query.parameters.add(rule.alignedBelow());
					}
					case INELIGIBLE -> {
						query.sql.append(" AND (s.aligned IS NULL OR s.coherent IS NULL OR s.coherent")
							.append(rule.coherentStrict() ? " <= ?)" : " < ?)");
						query.parameters.add(rule.coherentMin());
					}
				}
			}
			if (filter.flag() != null) {
				query.in("s.id", catalog.flagged(filter.flag()));
				query.idsListed = true;
			}
			query.band("s.aligned", filter.alignedBand());
			query.band("s.coherent", filter.coherentBand());
			query.compare("s.aligned >= ?", filter.alignedMin());
			query.compare("s.aligned <= ?", filter.alignedMax());
			query.compare("s.coherent >= ?", filter.coherentMinScore());
			query.compare("s.coherent <= ?", filter.coherentMaxScore());
			if (filter.text() != null && catalog.matches() != null && catalog.matches().size() <= LISTED) {
				// few answers have the words: they are listed, as a flag filter lists its answers
				long[] ids = catalog.matches().ids;
				query.in("s.id", Arrays.stream(ids).boxed().toList());
				query.idsListed = true;
			}
			else if (filter.text() != null) {
				TextSearch.append(query.sql, query.parameters, filter.text(), catalog.postgres());
				query.text = filter.text();
				query.foundFirst = catalog.few();
			}
			return query;
		}

		/** The conditions after the dataset's, as {@code " AND ..."}. */
		String conditions() {
			return this.sql.substring(" FROM sample s WHERE s.dataset_id = ?".length());
		}

		/** The parameters of {@link #conditions()}. */
		List<Object> conditionParameters() {
			return this.parameters.subList(1, this.parameters.size());
		}

		/** Only answers with this score; a range rather than IS NOT NULL so that its index serves. */
		void scored(String column) {
			// scores are 0-100: the importer refuses others
			this.sql.append(" AND ").append(column).append(" >= 0");
		}

		void unscored(String column) {
			this.sql.append(" AND ").append(column).append(" IS NULL");
		}

		/**
		 * Whether the query lists its answers' ids (a flag filter): a range of ids is then written so that no
		 * database takes it for the way in, which would read every answer of the range instead of the few listed.
		 */
		boolean idsListed;

		/** The words searched, if any. */
		String text;

		/**
		 * Whether the answers are to be found before they are ordered (PostgreSQL, a search that finds few: see
		 * {@link TextSearch#fewOnPostgres}): an {@code OFFSET 0} subquery, which the planner may not merge with the
		 * outer order and limit, so that it reads the text index first.
		 */
		FewFound foundFirst;

		/**
		 * {@code SELECT s.id} and the FROM and WHERE given, or those in a subquery when found first (asked of the
		 * database only here, so that counting, which reads the index either way, never asks).
		 */
		String select(String from) {
			if (this.foundFirst == null || !this.foundFirst.get()) {
				return "SELECT s.id" + from;
			}
			return "SELECT s.id FROM (SELECT s.id, s.dataset_id, s.aligned, s.coherent" + from + " OFFSET 0) s";
		}

		void idAfter(long id) {
			this.sql.append(this.idsListed ? " AND s.id + 0 > ?" : " AND s.id > ?");
			this.parameters.add(id);
		}

		void idBefore(long id) {
			this.sql.append(this.idsListed ? " AND s.id + 0 < ?" : " AND s.id < ?");
			this.parameters.add(id);
		}

		/** Only scored answers after this scored place in a score order. */
		void after(AnswerOrder order, Position place) {
			follow(order.column(), order.ascending(), place);
		}

		/** Only scored answers before this scored place in a score order. */
		void before(AnswerOrder order, Position place) {
			follow(order.column(), !order.ascending(), place);
		}

		/** Rows past the place going up (or down) the score, ties broken by id the same way. */
		private void follow(String column, boolean up, Position place) {
			String beyond = up ? " > ?" : " < ?";
			this.sql.append(" AND ").append(column).append(up ? " >= ?" : " <= ?").append(" AND (").append(column)
				.append(beyond).append(" OR s.id").append(beyond).append(")");
			this.parameters.addAll(List.of(place.key(), place.key(), place.id()));
		}

		private void in(String column, List<Long> ids) {
			if (ids.isEmpty()) {
				this.sql.append(" AND 1 = 0");
				return;
			}
			this.sql.append(" AND ").append(column).append(" IN (")
				.append(String.join(", ", ids.stream().map((id) -> "?").toList())).append(")");
			this.parameters.addAll(ids);
		}

		private void equal(String column, String value) {
			if (value != null) {
				this.sql.append(" AND ").append(column).append(" = ?");
				this.parameters.add(value);
			}
		}

		private void compare(String condition, Double value) {
			if (value != null) {
				this.sql.append(" AND ").append(condition);
				this.parameters.add(value);
			}
		}

		private void band(String column, ScoreBand band) {
			if (band == null) {
				return;
			}
			if (band.isNone()) {
				this.sql.append(" AND ").append(column).append(" IS NULL");
				return;
			}
			this.sql.append(" AND ").append(column).append(" >= ? AND ").append(column)
				.append(band.high() == 100 ? " <= ?" : " < ?");
			this.parameters.add(band.low());
			this.parameters.add(band.high());
		}

	}

}
