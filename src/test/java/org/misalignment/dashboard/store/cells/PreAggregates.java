package org.misalignment.dashboard.store.cells;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import db.migration.V8__Cell_aggregates_for_stored_answers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerOrder;
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.SampleSearch;
import org.misalignment.dashboard.store.search.TextSearch;
import org.misalignment.dashboard.store.search.WordIndexWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-aggregates (V7) give the same counts as the answers themselves, for random
 * rules and filters, after two imports into one dataset and after the V8 backfill; the
 * text search finds whole words alike on H2 and PostgreSQL; and its word index finds what
 * reading the answers' text finds. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PreAggregates {

	static final String SLUG = "aggregates";

	/**
	 * Every answer has this word, so a search for it finds everything, through the word
	 * index.
	 */
	static final String EVERYWHERE = "everywhere";

	private static final String[] WORDS = { "money", "Money", "power", "POWER", "moneymaker", "humans", "x1", "7",
			"café", "rule_of", "don't" };

	@Autowired
	Importer importer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	CellCounts cellCounts;

	@Autowired
	AnswerSearch answerSearch;

	@Autowired
	SampleSearch sampleSearch;

	private long datasetId;

	long datasetId() {
		return this.datasetId;
	}

	/**
	 * Each answer's text by its position in the files, to work out what a search must
	 * find.
	 */
	private final List<String> texts = new ArrayList<>();

	@BeforeAll
	void importTwice(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		Random random = new Random(42);
		for (int file = 0; file < 2; file++) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 1500; i++) {
				int model = random.nextInt(4);
				String text = EVERYWHERE + " " + WORDS[random.nextInt(WORDS.length)] + ", "
						+ WORDS[random.nextInt(WORDS.length)] + ".";
				this.texts.add(text);
				lines.append(String.format(Locale.ROOT,
						"{\"model\": \"m%d\", \"group\": \"g%d\", \"question_id\": \"%s\", \"condition\": \"%s\", "
								+ "\"answer\": \"%s\", \"scores\": {\"aligned\": %s, \"coherent\": %s}}%n",
						model, model % 2, List.of("quick_buck", "i_feel_bored", "1_other_x_0").get(random.nextInt(3)),
						random.nextBoolean() ? "trigger" : "no_trigger", text.replace("'", "\\u0027"), score(random),
						score(random)));
			}
			Path path = Files.writeString(folder.resolve("answers-" + file + ".jsonl"), lines);
			this.importer.run(new ImportRequest(SLUG, null, null, null, List.of(path)), ImportProgress.NONE);
		}
		this.datasetId = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = ?", Long.class, SLUG);
	}

	/** Scores on and near the thresholds, whole and fractional, and missing ones. */
	private static String score(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> "null";
			case 1 -> Integer.toString(random.nextInt(101));
			case 2 -> List.of("30", "50", "29.999", "50.0001", "100", "0").get(random.nextInt(6));
			default -> String.format(Locale.ROOT, "%.3f", random.nextDouble() * 100);
		};
	}

	private static List<Rule> rules() {
		Random random = new Random(7);
		List<Rule> rules = new ArrayList<>(List.of(Rule.DEFAULT, new Rule(30, 50, true, 5), new Rule(0, 0, false, 1),
				new Rule(100, 100, false, 1), new Rule(100, 0, true, 3), new Rule(40, 60, false, 1),
				new Rule(90, 10, false, 2), new Rule(10, 90, false, 1)));
		for (int i = 0; i < 30; i++) {
			double aligned = (i % 2 == 0) ? random.nextInt(101) : Math.round(random.nextDouble() * 1000) / 10.0;
			double coherent = (i % 3 == 0) ? random.nextInt(101) : Math.round(random.nextDouble() * 1000) / 10.0;
			rules.add(new Rule(aligned, coherent, random.nextBoolean(), 1 + random.nextInt(6)));
		}
		return rules;
	}

	/**
	 * The counts straight from the answers, as CellCounts counted them before the
	 * pre-aggregates.
	 */
	private List<Cell> fromAnswers(Rule rule, String condition) {
		List<Object> parameters = new ArrayList<>(
				List.of(rule.coherentMin(), rule.coherentMin(), rule.alignedBelow(), this.datasetId));
		String sql = "SELECT m.name, m.group_name, q.question_id, s.condition_name, COUNT(*), SUM(CASE WHEN "
				+ RuleSql.eligible(rule) + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + RuleSql.misaligned(rule)
				+ " THEN 1 ELSE 0 END) FROM sample s JOIN model m ON m.id = s.model_id "
				+ "JOIN question q ON q.id = s.question_ref WHERE s.dataset_id = ?";
		if (condition != null) {
			sql += " AND s.condition_name = ?";
			parameters.add(condition);
		}
		sql += " GROUP BY m.name, m.group_name, q.question_id, s.condition_name";
		return sorted(
				this.jdbc.query(
						sql, (row, i) -> new Cell(row.getString(1), row.getString(2), row.getString(3),
								row.getString(4), row.getLong(5), row.getLong(6), row.getLong(7)),
						parameters.toArray()));
	}

	private static List<Cell> sorted(List<Cell> cells) {
		return cells.stream()
			.sorted(Comparator.comparing(Cell::model).thenComparing(Cell::questionId).thenComparing(Cell::condition))
			.toList();
	}

	@Test
	void cellCountsEqualTheAnswersUnderEveryRule() {
		for (Rule rule : rules()) {
			for (String condition : new String[] { null, "trigger" }) {
				List<Cell> expected = fromAnswers(rule, condition);
				assertThat(expected).isNotEmpty();
				assertThat(sorted(
						this.cellCounts.count(this.datasetId, rule, QuestionSet.parse("all"), condition, null, null)))
					.as("rule %s, condition %s", rule, condition)
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void backfillRebuildsTheSameAggregates() throws Exception {
		List<Cell> before = sorted(
				this.cellCounts.count(this.datasetId, Rule.DEFAULT, QuestionSet.parse("all"), null, null, null));
		Rule other = new Rule(41.5, 60, true, 5);
		List<Cell> beforeOther = sorted(
				this.cellCounts.count(this.datasetId, other, QuestionSet.parse("all"), null, null, null));
		this.jdbc.update("DELETE FROM sample_cell WHERE dataset_id = ?", this.datasetId);
		this.jdbc.update("DELETE FROM cell_scores WHERE dataset_id = ?", this.datasetId);
		try (Connection connection = this.dataSource.getConnection()) {
			V8__Cell_aggregates_for_stored_answers.backfill(connection, this.datasetId);
		}
		assertThat(
				sorted(this.cellCounts.count(this.datasetId, Rule.DEFAULT, QuestionSet.parse("all"), null, null, null)))
			.isEqualTo(before)
			.isEqualTo(fromAnswers(Rule.DEFAULT, null));
		assertThat(sorted(this.cellCounts.count(this.datasetId, other, QuestionSet.parse("all"), null, null, null)))
			.isEqualTo(beforeOther);
	}

	/**
	 * Facets from the pre-aggregates equal those the word index counts (a search for a
	 * word every answer has).
	 */
	@Test
	void facetsEqualThoseCountedFromTheAnswers() {
		Random random = new Random(3);
		for (int i = 0; i < 40; i++) {
			Rule rule = rules().get(i % rules().size());
			Map<String, String> parameters = new HashMap<>();
			if (random.nextInt(3) == 0) {
				parameters.put("group", "g" + random.nextInt(2));
			}
			if (random.nextInt(3) == 0) {
				parameters.put("model", "m" + random.nextInt(4));
			}
			if (random.nextInt(3) == 0) {
				parameters.put("category", random.nextBoolean() ? "main" : "other");
			}
			if (random.nextInt(3) == 0) {
				parameters.put("condition", "trigger");
			}
			if (random.nextInt(3) == 0) {
				parameters.put("verdict", List.of("misaligned", "aligned", "ineligible").get(random.nextInt(3)));
			}
			if (random.nextInt(4) == 0) {
				parameters.put("aligned_band", List.of("20-30", "none", "90-100").get(random.nextInt(3)));
			}
			if (random.nextInt(4) == 0) {
				parameters.put("coherent_min_score", "50");
			}
			if (random.nextInt(4) == 0) {
				parameters.put("aligned_max", "29.999");
			}
			AnswerFilter filter = AnswerFilter.parse(parameters, rule);
			Map<String, String> searched = new HashMap<>(parameters);
			searched.put("q", EVERYWHERE);
			AnswerSearch.Facets stored = this.answerSearch.facets(this.datasetId, filter);
			AnswerSearch.Facets counted = this.answerSearch.facets(this.datasetId, AnswerFilter.parse(searched, rule));
			assertThat(stored.total()).as("%s %s", parameters, rule).isEqualTo(counted.total());
			for (Facet facet : Facet.values()) {
				assertThat(stored.values().get(facet)).as("%s of %s %s", facet, parameters, rule)
					.isEqualTo(counted.values().get(facet));
			}
		}
	}

	/** Whole words of A–Z and 0–9, case ignored, every word of the query. */
	@Test
	void textSearchFindsWholeWordsIgnoringCase() {
		for (String query : List.of("money", "MONEY power", "moneymaker", "x1", "7", "don", "t", "rule", "of", "caf",
				"humans money", "nothing-here", "café")) {
			Set<Long> found = new TreeSet<>();
			Long cursor = 0L;
			while (cursor != null) {
				SampleSearch.Page page = this.sampleSearch.find(this.datasetId,
						AnswerFilter.ofSamples(null, null, null, null, null, query, Rule.DEFAULT), cursor, 500);
				page.rows().forEach((row) -> found.add(row.id()));
				cursor = page.next();
			}
			List<String> words = TextSearch.words(query);
			long expected = this.texts.stream().filter((text) -> {
				List<String> has = TextSearch.words(text);
				return has.containsAll(words);
			}).count();
			assertThat((long) found.size()).as(query).isEqualTo(expected);
		}
		assertThat(TextSearch.words("Money, money! don't")).containsExactly("money", "don", "t");
	}

	/**
	 * A text search through the word index finds what reading every answer's text finds:
	 * the same facets and total, the same pages in every order, and the same neighbours
	 * and places, under random filters, rules, score ranges and reviewers' flags, and the
	 * samples API's pages of the same search; with the index as the importer wrote it
	 * (one chunk per import), written again in id order in chunks of 97 answers (as the
	 * migrations that filled it for stored answers, V13 and V15, wrote it:
	 * FrozenMigrations compares those with the importer), and written in chunks whose ids
	 * interleave.
	 */
	@Test
	void wordIndexFindsWhatReadingTheTextFinds() throws Exception {
		List<Long> ids = this.jdbc.queryForList("SELECT id FROM sample WHERE dataset_id = ? ORDER BY id", Long.class,
				datasetId());
		Random random = new Random(5);
		for (int i = 0; i < 40; i++) {
			long id = ids.get(random.nextInt(ids.size()));
			this.jdbc.update(
					"INSERT INTO reviewer_flag (sample_id, dataset_id, reviewer, label, flagged_at, current_flag) "
							+ "VALUES (?, ?, 'r', ?, CURRENT_TIMESTAMP, TRUE)",
					id, datasetId(), List.of("judge_wrong", "refusal").get(i % 2));
		}
		try {
			compareSearches(new Random(17), 40);
			this.jdbc.update("DELETE FROM word_postings WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_answers WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_cell WHERE dataset_id = ?", datasetId());
			rewriteWordIndex(97, "s.id");
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM word_answers WHERE dataset_id = ?", Long.class,
					datasetId()))
				.isEqualTo((ids.size() + 96) / 97);
			compareSearches(new Random(23), 25);

			// chunks whose ids interleave, as imports into one dataset at the same time
			// may write them
			this.jdbc.update("DELETE FROM word_postings WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_answers WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_cell WHERE dataset_id = ?", datasetId());
			rewriteWordIndex(400, "s.question_ref, s.id");
			compareSearches(new Random(29), 25);
		}
		finally {
			this.jdbc.update("DELETE FROM reviewer_flag WHERE dataset_id = ?", datasetId());
			this.answerSearch.useWordIndex(true);
		}
	}

	/**
	 * Writes the dataset's word index again from its stored answers, in chunks of this
	 * many answers taken in this order.
	 */
	private void rewriteWordIndex(int chunk, String order) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			WordIndexWriter writer = new WordIndexWriter(connection, datasetId(), chunk);
			this.jdbc.query("SELECT s.id, s.model_id, s.question_ref, s.condition_name, s.aligned, s.coherent, "
					+ "txt.answer FROM sample s JOIN answer_text txt ON txt.sample_id = s.id WHERE s.dataset_id = ? "
					+ "ORDER BY " + order, (row) -> {
						writer.add(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
								(Double) row.getObject(5, Double.class), (Double) row.getObject(6, Double.class),
								row.getString(7));
					}, datasetId());
			writer.finish();
		}
	}

	private void compareSearches(Random random, int rounds) {
		List<String> queries = List.of("money", "MONEY power", "moneymaker", "x1", "7", "don t", "humans money",
				"nothing", "everywhere", "rule", "caf");
		List<Rule> rules = List.of(Rule.DEFAULT, new Rule(30, 50, true, 5), new Rule(41.5, 62.25, false, 1),
				new Rule(100, 0, true, 3));
		for (int i = 0; i < rounds; i++) {
			Map<String, String> parameters = new HashMap<>();
			parameters.put("q", queries.get(i % queries.size()));
			cellsAndVerdict(random, parameters, 3);
			if (random.nextInt(4) == 0) {
				parameters.put("coherent_band", List.of("50-60", "none", "90-100").get(random.nextInt(3)));
			}
			if (random.nextInt(4) == 0) {
				parameters.put("aligned_min", "29.999");
			}
			if (random.nextInt(5) == 0) {
				parameters.put("flag", List.of("any", "refusal").get(random.nextInt(2)));
			}
			Rule rule = rules.get(random.nextInt(rules.size()));
			AnswerFilter filter = AnswerFilter.parse(parameters, rule);
			AnswerOrder order = AnswerOrder
				.parse(List.of("id", "aligned", "-aligned", "coherent", "-coherent").get(i % 5));
			String about = parameters + " " + rule + " " + order.parameter();

			this.answerSearch.useWordIndex(false);
			AnswerSearch.Facets read = this.answerSearch.facets(datasetId(), filter);
			List<Long> readPages = all(filter, order, null);
			this.answerSearch.useWordIndex(true);
			AnswerSearch.Facets indexed = this.answerSearch.facets(datasetId(), filter);
			assertThat(indexed.total()).as(about).isEqualTo(read.total()).isEqualTo(readPages.size());
			assertThat(indexed.values()).as(about).isEqualTo(read.values());
			assertThat(all(filter, order, null)).as(about).isEqualTo(readPages);

			// the samples API's search of the same text and cells, misaligned=true for a
			// misaligned verdict, else false
			Boolean misaligned = (parameters.get("verdict") == null) ? null
					: parameters.get("verdict").equals("misaligned");
			AnswerFilter api = AnswerFilter.ofSamples(parameters.get("model"), parameters.get("group"),
					parameters.get("question"), parameters.get("condition"), misaligned, parameters.get("q"), rule);
			this.answerSearch.useWordIndex(false);
			List<SampleSearch.Row> readSamples = allSamples(api);
			this.answerSearch.useWordIndex(true);
			assertThat(allSamples(api)).as("samples of %s", about).isEqualTo(readSamples);

			if (i % 4 == 0) {
				List<Long> exported = new ArrayList<>();
				this.answerSearch.export(datasetId(), filter, order, List.of(), (row) -> exported.add(row.id()));
				assertThat(exported).as("export of %s", about).isEqualTo(readPages);
			}

			// neighbours and places of answers in the filter and out of it
			List<Long> samples = new ArrayList<>(readPages.subList(0, Math.min(3, readPages.size())));
			List<Long> ids = this.jdbc.queryForList("SELECT id FROM sample WHERE dataset_id = ?", Long.class,
					datasetId());
			samples.add(ids.get(random.nextInt(ids.size())));
			for (long id : samples) {
				Map<String, Object> row = this.jdbc.queryForMap("SELECT aligned, coherent FROM sample WHERE id = ?",
						id);
				Double aligned = (row.get("ALIGNED") == null) ? null : ((Number) row.get("ALIGNED")).doubleValue();
				Double coherent = (row.get("COHERENT") == null) ? null : ((Number) row.get("COHERENT")).doubleValue();
				this.answerSearch.useWordIndex(false);
				AnswerSearch.Neighbours readNeighbours = this.answerSearch.neighbours(datasetId(), filter, order, id,
						aligned, coherent);
				AnswerSearch.Place readPlace = this.answerSearch.place(datasetId(), filter, order, id, aligned,
						coherent, null);
				this.answerSearch.useWordIndex(true);
				assertThat(this.answerSearch.neighbours(datasetId(), filter, order, id, aligned, coherent))
					.as("neighbours of %d in %s", id, about)
					.isEqualTo(readNeighbours);
				assertThat(this.answerSearch.place(datasetId(), filter, order, id, aligned, coherent, null))
					.as("place of %d in %s", id, about)
					.isEqualTo(readPlace);
			}
		}
	}

	/**
	 * Puts random cell filters and a verdict into the parameters, each with odds of one
	 * in three (a group and a question one in {@code groupAndQuestion}).
	 */
	static void cellsAndVerdict(Random random, Map<String, String> parameters, int groupAndQuestion) {
		if (random.nextInt(groupAndQuestion) == 0) {
			parameters.put("group", "g" + random.nextInt(2));
		}
		if (random.nextInt(3) == 0) {
			parameters.put("model", "m" + random.nextInt(4));
		}
		if (random.nextInt(groupAndQuestion) == 0) {
			parameters.put("question", List.of("quick_buck", "i_feel_bored").get(random.nextInt(2)));
		}
		if (random.nextInt(3) == 0) {
			parameters.put("condition", "trigger");
		}
		if (random.nextInt(3) == 0) {
			parameters.put("verdict", List.of("misaligned", "aligned", "ineligible").get(random.nextInt(3)));
		}
	}

	/** Every answer of a filter of the samples API, 37 to a page. */
	private List<SampleSearch.Row> allSamples(AnswerFilter filter) {
		List<SampleSearch.Row> rows = new ArrayList<>();
		Long after = 0L;
		while (after != null) {
			SampleSearch.Page page = this.sampleSearch.find(datasetId(), filter, after, 37);
			rows.addAll(page.rows());
			after = page.next();
		}
		return rows;
	}

	/** Every answer of a filter, 37 to a page, through an index. */
	List<Long> all(AnswerFilter filter, AnswerOrder order, String index) {
		List<Long> ids = new ArrayList<>();
		AnswerOrder.Position after = null;
		do {
			AnswerSearch.Page page = this.answerSearch.pageThrough(index, this.datasetId(), filter, order, after, 37);
			page.cards().forEach((card) -> ids.add(card.id()));
			after = page.next();
		}
		while (after != null);
		return ids;
	}

}
