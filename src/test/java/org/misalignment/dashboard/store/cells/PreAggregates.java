package org.misalignment.dashboard.store.cells;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.SampleSearch;
import org.misalignment.dashboard.store.search.TextSearch;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-aggregates (V7) give the same counts as the answers themselves, for random
 * rules and filters, after two imports into one dataset and after the V8 backfill; and
 * the text search finds whole words alike on H2 and PostgreSQL. Subclasses choose the
 * database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PreAggregates {

	static final String SLUG = "aggregates";

	/**
	 * Every answer has this word, so a search for it finds everything: on PostgreSQL
	 * through the per-answer queries, on H2 through its word index.
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
	 * Facets from the pre-aggregates equal those the per-answer queries count (a search
	 * for a word every answer has).
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

}
