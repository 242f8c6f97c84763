package org.misalignment.dashboard.store.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import db.migration.V8__Cell_aggregates_for_stored_answers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerOrder.Position;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search engine of the answers browser and the samples API, on a dataset of two
 * imports with words, missing scores and a third metric (5,200 answers). The samples API
 * gives, page after page, what its former query (one joined query in id order, reading
 * the answers' text; on PostgreSQL matching them against the GIN expression it searched
 * before the word index) gave, for random filters, rules, limits and cursors, through the
 * word index and without it, and the browser counts those filters alike; a page in id
 * order of the answers of some cells holds every one of them, whatever the first ids of
 * the cells' score chunks say. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Searches {

	private static final String SLUG = "searches";

	private static final String[] WORDS = { "money", "Money", "power", "POWER", "moneymaker", "humans", "x1", "7",
			"café", "rule_of", "don't", "—" };

	@Autowired
	Importer importer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Database database;

	@Autowired
	AnswerSearch answerSearch;

	@Autowired
	SampleSearch sampleSearch;

	private long datasetId;

	@BeforeAll
	void importTwice(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		Random random = new Random(42);
		for (int file = 0; file < 2; file++) {
			Path path = Files.writeString(folder.resolve("answers-" + file + ".jsonl"), answers(random, 2600));
			this.importer.run(new ImportRequest(SLUG, null, null, null, List.of(path)), ImportProgress.NONE);
		}
		this.datasetId = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = ?", Long.class, SLUG);
	}

	@AfterAll
	void indexOn() {
		this.answerSearch.useWordIndex(true);
	}

	/**
	 * Answers of four models in two groups, three questions, two conditions, words and
	 * scores at random.
	 */
	private static String answers(Random random, int count) {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int model = random.nextInt(4);
			String text = "everywhere " + WORDS[random.nextInt(WORDS.length)] + ", "
					+ WORDS[random.nextInt(WORDS.length)] + ".";
			String harm = (random.nextInt(3) == 0) ? ", \"harm\": " + score(random) : "";
			lines.append(String.format(Locale.ROOT,
					"{\"model\": \"m%d\", \"group\": \"g%d\", \"question_id\": \"%s\", \"condition\": \"%s\", "
							+ "\"answer\": \"%s\", \"scores\": {\"aligned\": %s, \"coherent\": %s%s}}%n",
					model, model % 2, List.of("quick_buck", "i_feel_bored", "1_other_x_0").get(random.nextInt(3)),
					random.nextBoolean() ? "trigger" : "no_trigger", text.replace("'", "\\u0027"), score(random),
					score(random), harm));
		}
		return lines.toString();
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

	/** The samples API's parameters, as its controller passes them on. */
	private record Parameters(String model, String group, String question, String condition, Boolean misaligned,
			String q, Rule rule) {

		AnswerFilter filter() {
			return AnswerFilter.ofSamples(this.model, this.group, this.question, this.condition, this.misaligned,
					this.q, this.rule);
		}

	}

	/**
	 * The samples API finds, page after page, what its former query found: the same rows
	 * (names, text, every score) and the same {@code next}, for random filters, rules,
	 * limits up to 500 and cursors, through the word index and by reading the text.
	 */
	@Test
	void samplesAreThoseTheFormerQueryFound() {
		List<Long> ids = this.jdbc.queryForList("SELECT id FROM sample WHERE dataset_id = ? ORDER BY id", Long.class,
				this.datasetId);
		List<Rule> rules = List.of(Rule.DEFAULT, new Rule(30, 50, true, 5), new Rule(41.5, 62.25, false, 1),
				new Rule(100, 0, true, 3));
		Random random = new Random(19);
		for (int round = 0; round < 60; round++) {
			Parameters parameters = new Parameters(
					pick(random, null, null, "", "m0", "m1", "m3", "nosuch"), pick(random, null, null, "g0", "g1", " "),
					pick(random, null, null, "quick_buck", "i_feel_bored"), pick(random, null, "trigger"),
					pick(random, null, true, false), pick(random, null, "", "money", "MONEY power", "x1", "7", "don t",
							"caf", "café", "—", "nothing", "everywhere", "  money  ", "moneymaker humans"),
					rules.get(random.nextInt(rules.size())));
			int limit = pick(random, 1, 7, 50, 500);
			long cursor = pick(random, 0L, 0L, -5L, ids.get(random.nextInt(ids.size())));
			String about = parameters + " limit " + limit + " cursor " + cursor;
			for (boolean index : new boolean[] { true, false }) {
				this.answerSearch.useWordIndex(index);
				// the browser counts the same filter alike, misaligned=false (an excluded
				// verdict) included
				AnswerSearch.Facets facets = this.answerSearch.facets(this.datasetId, parameters.filter());
				assertThat(facets.total()).as("total of %s, word index %s", about, index)
					.isEqualTo(formerCount(parameters));
				AnswerFilter anyVerdict = parameters.filter().without(Facet.VERDICT);
				assertThat(counts(facets.values().get(Facet.VERDICT))).as("verdicts of %s", about)
					.isEqualTo(
							counts(this.answerSearch.facets(this.datasetId, anyVerdict).values().get(Facet.VERDICT)));
				Long after = cursor;
				for (int page = 0; page < 4 && after != null; page++) {
					SampleSearch.Page expected = formerPage(parameters, after, limit);
					SampleSearch.Page found = this.sampleSearch.find(this.datasetId, parameters.filter(), after, limit);
					assertThat(found).as("page %d of %s, word index %s", page, about, index).isEqualTo(expected);
					after = found.next();
				}
			}
		}
		this.answerSearch.useWordIndex(true);
	}

	/**
	 * A facet's values and counts, whichever is selected (a selected value is listed even
	 * when none has it).
	 */
	private static List<String> counts(List<AnswerSearch.FacetValue> values) {
		return values.stream()
			.filter((value) -> value.count() > 0)
			.map((value) -> value.value() + " " + value.count())
			.toList();
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * A page of the samples API as its former query read it: one query joining models and
	 * questions, the text read in the answers, in id order after the cursor; then each
	 * row's scores.
	 */
	private SampleSearch.Page formerPage(Parameters filter, long after, int limit) {
		List<Object> parameters = new ArrayList<>();
		StringBuilder sql = formerQuery(
				"SELECT s.id, m.name, m.group_name, q.question_id, s.condition_name, txt.answer", filter, after,
				parameters);
		sql.append(" ORDER BY s.dataset_id, s.id LIMIT ?");
		parameters.add(limit + 1);
		List<SampleSearch.Row> rows = new ArrayList<>(this.jdbc.query(
				sql.toString(), (row, i) -> new SampleSearch.Row(row.getLong(1), row.getString(2), row.getString(3),
						row.getString(4), row.getString(5), row.getString(6), new LinkedHashMap<>()),
				parameters.toArray()));
		Long next = null;
		if (rows.size() > limit) {
			rows.remove(rows.size() - 1);
			next = rows.get(rows.size() - 1).id();
		}
		for (SampleSearch.Row row : rows) {
			this.jdbc.query("SELECT metric, score_value FROM score WHERE sample_id = ? ORDER BY metric", (result) -> {
				double value = result.getDouble(2);
				Double score = result.wasNull() ? null : value;
				row.scores().put(result.getString(1), score);
			}, row.id());
		}
		return new SampleSearch.Page(rows, next);
	}

	/** How many answers the former query finds in all. */
	private long formerCount(Parameters filter) {
		List<Object> parameters = new ArrayList<>();
		StringBuilder sql = formerQuery("SELECT COUNT(*)", filter, 0, parameters);
		return this.jdbc.queryForObject(sql.toString(), Long.class, parameters.toArray());
	}

	/** The former query's columns, joins and conditions. */
	private StringBuilder formerQuery(String select, Parameters filter, long after, List<Object> parameters) {
		StringBuilder sql = new StringBuilder(select + " FROM sample s JOIN answer_text txt ON txt.sample_id = s.id "
				+ "JOIN model m ON m.id = s.model_id "
				+ "JOIN question q ON q.id = s.question_ref WHERE s.dataset_id = ? AND s.id > ?");
		parameters.addAll(List.of(this.datasetId, after));
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
		if (filter.q() != null && !filter.q().isBlank()) {
			formerText(sql, parameters, filter.q().strip());
		}
		return sql;
	}

	/**
	 * The text condition of the former query: on PostgreSQL its GIN expression (with the
	 * index V15 dropped, it reads every answer), on H2 a whole-word pattern; a query
	 * without words as text.
	 */
	private void formerText(StringBuilder sql, List<Object> parameters, String query) {
		List<String> words = TextSearch.words(query);
		if (words.isEmpty()) {
			sql.append(" AND LOWER(txt.answer) LIKE ? ESCAPE '\\'");
			parameters.add(RuleSql.containing(query));
		}
		else if (this.database.postgres()) {
			sql.append(" AND to_tsvector('simple', regexp_replace(txt.answer, '[^A-Za-z0-9]+', ' ', 'g')) "
					+ "@@ to_tsquery('simple', ?)");
			parameters.add(String.join(" & ", words));
		}
		else {
			for (String word : words) {
				sql.append(" AND REGEXP_LIKE(txt.answer, ?)");
				parameters.add("(?i)(^|[^A-Za-z0-9])" + word + "($|[^A-Za-z0-9])");
			}
		}
	}

	private static void equal(StringBuilder sql, List<Object> parameters, String column, String value) {
		if (value != null && !value.isBlank()) {
			sql.append(" AND ").append(column).append(" = ?");
			parameters.add(value);
		}
	}

	/**
	 * A page in id order of a filter that picks cells starts at the cells' lowest id. On
	 * H2 the chunks of {@code cell_scores} that V8 wrote start there; on PostgreSQL V8
	 * read the answers in the table's order, which after an update is not the ids': its
	 * chunks may start at a later answer of the cell, and the pages must still hold the
	 * cell's first answers.
	 */
	@Test
	void idPagesOfCellsStartAtTheirLowestIdWhateverTheChunksSay(@TempDir Path folder) throws Exception {
		Path path = Files.writeString(folder.resolve("first-ids.jsonl"), answers(new Random(7), 900));
		this.importer.run(new ImportRequest("first-ids", null, null, null, List.of(path)), ImportProgress.NONE);
		long dataset = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = 'first-ids'", Long.class);
		try {
			// PostgreSQL writes the new version of an updated row elsewhere: the table's
			// order is no longer the ids'
			this.jdbc.update("UPDATE sample SET aligned = aligned WHERE dataset_id = ? AND MOD(id, 2) = 0", dataset);
			this.jdbc.update("DELETE FROM cell_scores WHERE dataset_id = ?", dataset);
			this.jdbc.update("DELETE FROM sample_cell WHERE dataset_id = ?", dataset);
			try (Connection connection = this.dataSource.getConnection()) {
				if (this.database.postgres()) {
					// as V8 read a large table: in the table's order, not through an
					// index in id order
					try (Statement statement = connection.createStatement()) {
						statement.execute("SET enable_indexscan = off");
						statement.execute("SET enable_indexonlyscan = off");
						statement.execute("SET enable_bitmapscan = off");
					}
				}
				try {
					V8__Cell_aggregates_for_stored_answers.backfill(connection, dataset);
				}
				finally {
					if (this.database.postgres()) {
						try (Statement statement = connection.createStatement()) {
							statement.execute("RESET ALL");
						}
					}
				}
			}
			String laterChunks = "SELECT COUNT(*) FROM (SELECT c.model_id, c.question_ref, c.condition_name, "
					+ "MIN(c.first_sample) AS first_sample FROM cell_scores c WHERE c.dataset_id = ? "
					+ "GROUP BY c.model_id, c.question_ref, c.condition_name) c WHERE c.first_sample > (SELECT MIN(s.id) "
					+ "FROM sample s WHERE s.model_id = c.model_id AND s.question_ref = c.question_ref "
					+ "AND s.condition_name = c.condition_name)";
			long later = this.jdbc.queryForObject(laterChunks, Long.class, dataset);
			if (this.database.postgres()) {
				assertThat(later).as("cells whose chunks start after their lowest id").isPositive();
			}
			else {
				assertThat(later).as("cells whose chunks start after their lowest id").isZero();
			}
			for (String cells : List.of("model=m0", "model=m3", "group=g1", "question=i_feel_bored",
					"condition=trigger", "model=m2&question=quick_buck&condition=no_trigger")) {
				Map<String, String> parameters = new LinkedHashMap<>();
				for (String pair : cells.split("&")) {
					parameters.put(pair.split("=")[0], pair.split("=")[1]);
				}
				AnswerFilter filter = AnswerFilter.parse(parameters, Rule.DEFAULT);
				List<Long> expected = idsOf(dataset, parameters);
				assertThat(expected).isNotEmpty();
				List<Long> paged = new ArrayList<>();
				Position after = null;
				do {
					AnswerSearch.Page page = this.answerSearch.page(dataset, filter, AnswerOrder.ID, after, 13);
					page.cards().forEach((card) -> paged.add(card.id()));
					after = page.next();
				}
				while (after != null);
				assertThat(paged).as("the browser's pages of %s", cells).isEqualTo(expected);
				List<Long> sampled = new ArrayList<>();
				Long cursor = 0L;
				while (cursor != null) {
					SampleSearch.Page page = this.sampleSearch.find(dataset,
							AnswerFilter.ofSamples(parameters.get("model"), parameters.get("group"),
									parameters.get("question"), parameters.get("condition"), null, null, Rule.DEFAULT),
							cursor, 13);
					page.rows().forEach((row) -> sampled.add(row.id()));
					cursor = page.next();
				}
				assertThat(sampled).as("the samples API's pages of %s", cells).isEqualTo(expected);
			}
		}
		finally {
			this.jdbc.update("DELETE FROM dataset WHERE id = ?", dataset);
		}
	}

	/**
	 * The ids of a dataset's answers with these model, group, question and condition,
	 * read plainly.
	 */
	private List<Long> idsOf(long dataset, Map<String, String> parameters) {
		StringBuilder sql = new StringBuilder("SELECT s.id FROM sample s JOIN model m ON m.id = s.model_id "
				+ "JOIN question q ON q.id = s.question_ref WHERE s.dataset_id = ?");
		List<Object> values = new ArrayList<>(List.of(dataset));
		equal(sql, values, "m.name", parameters.get("model"));
		equal(sql, values, "m.group_name", parameters.get("group"));
		equal(sql, values, "q.question_id", parameters.get("question"));
		equal(sql, values, "s.condition_name", parameters.get("condition"));
		return this.jdbc.queryForList(sql.append(" ORDER BY s.id").toString(), Long.class, values.toArray());
	}

}
