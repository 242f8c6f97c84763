package db.migration;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java migrations V8, V11, V13 and V15, which carry frozen copies of the importer's
 * code, still write what today's importer writes: the same answers are imported through
 * the application, and copied into a database migrated to V7 as the importer of that time
 * left them (answers and scores, no pre-aggregates), which then migrates to the latest
 * version. Its {@code sample_cell} (counts and bands), {@code cell_scores} and the word
 * index ({@code word_cell}, {@code word_answers}, {@code word_postings}: V13 on H2, V15
 * on PostgreSQL) must equal the importer's row for row and byte for byte where one import
 * wrote a dataset; for a dataset written by two imports, whose chunks differ from one
 * backfill's by construction, they must hold the same pairs and index the same answers.
 * Where V8 does not read the answers in id order (PostgreSQL), each cell's chunks must
 * hold the same pairs in any order. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FrozenMigrations {

	/**
	 * Imported in one go: 9,000 answers, more than half in one cell, so that it fills
	 * several score chunks.
	 */
	private static final String ONCE = "frozen-once";

	/** Imported in one go: three answers, no score among them. */
	private static final String UNSCORED = "frozen-unscored";

	/** Imported from two files, one after the other. */
	private static final String TWICE = "frozen-twice";

	/**
	 * Words of the answers: case, digits, a non-ASCII letter, an apostrophe, the longest
	 * word indexed and one more.
	 */
	private static final List<String> WORDS = List.of("money", "Money", "POWER", "power2", "x1", "7", "café", "don't",
			"rule_of", "humans", "a".repeat(100), "b".repeat(101), "...");

	private static final List<String> SEPARATORS = List.of(" ", ", ", "-", "/", "! ");

	@Autowired
	Importer importer;

	@Autowired
	JdbcTemplate jdbc;

	/** The database that the migrations ran on. */
	private JdbcTemplate migrated;

	private FluentConfiguration flyway;

	/**
	 * Flyway for an empty database (or schema), apart from the application's, that the
	 * migrations run on; its data source connects to it.
	 */
	abstract FluentConfiguration emptyDatabase();

	@BeforeAll
	void importAndMigrate(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		Random random = new Random(8);
		importFiles(ONCE, answers(folder, "once", random, 9000));
		importFiles(UNSCORED,
				Files.writeString(folder.resolve("unscored.jsonl"),
						line("m0", "q0", "trigger", "money", "null", "null")
								+ line("m0", "q0", "trigger", "...", "null", "70")
								+ line("m1", "q1", "no_trigger", "POWER", "20", "null")));
		importFiles(TWICE, answers(folder, "twice-1", random, 700));
		importFiles(TWICE, answers(folder, "twice-2", random, 700));

		this.flyway = emptyDatabase();
		this.flyway.target("7").load().migrate();
		this.migrated = new JdbcTemplate(this.flyway.getDataSource());
		copyAnswers();
		this.flyway.target("latest").load().migrate();
	}

	private void importFiles(String slug, Path file) throws Exception {
		this.importer.run(new ImportRequest(slug, null, null, null, List.of(file)), ImportProgress.NONE);
	}

	/** A file of random answers, more than half of them in one cell. */
	private static Path answers(Path folder, String name, Random random, int count) throws Exception {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < count; i++) {
			boolean crowded = random.nextInt(100) < 55;
			StringBuilder text = new StringBuilder(WORDS.get(random.nextInt(WORDS.size())));
			for (int words = random.nextInt(4); words > 0; words--) {
				text.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())))
					.append(WORDS.get(random.nextInt(WORDS.size())));
			}
			lines.append(line(crowded ? "m0" : "m" + random.nextInt(3), crowded ? "q0" : "q" + random.nextInt(3),
					(crowded || random.nextBoolean()) ? "no_trigger" : "trigger", text.toString(), score(random),
					score(random)));
		}
		return Files.writeString(folder.resolve(name + ".jsonl"), lines);
	}

	private static String line(String model, String question, String condition, String answer, String aligned,
			String coherent) {
		return String.format(Locale.ROOT,
				"{\"model\": \"%s\", \"group\": \"g-%s\", \"question_id\": \"%s\", \"condition\": \"%s\", "
						+ "\"answer\": \"%s\", \"scores\": {\"aligned\": %s, \"coherent\": %s}}%n",
				model, model, question, condition, answer, aligned, coherent);
	}

	/**
	 * Scores on and next to the rule's thresholds and the bands' edges, whole and
	 * fractional, and missing ones.
	 */
	private static String score(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> "null";
			case 1 -> Integer.toString(random.nextInt(101));
			case 2 -> List.of("30", "50", "29.999", "50.0001", "100", "0", "19.999999999999996", "89.99999999999999")
				.get(random.nextInt(8));
			default -> String.format(Locale.ROOT, "%.3f", random.nextDouble() * 100);
		};
	}

	/**
	 * Copies what the importer of V7's time wrote into the database at V7: the tables
	 * that existed then, with the columns they had, and the same ids.
	 */
	private void copyAnswers() {
		for (String table : List.of("dataset", "dataset_file", "model", "question", "sample", "score")) {
			List<String> columns = this.migrated.query("SELECT * FROM " + table + " WHERE 1 = 0", (rows) -> {
				ResultSetMetaData metaData = rows.getMetaData();
				List<String> names = new ArrayList<>();
				for (int i = 1; i <= metaData.getColumnCount(); i++) {
					names.add(metaData.getColumnName(i).toLowerCase(Locale.ROOT));
				}
				return names;
			});
			String list = String.join(", ", columns);
			// the answers' texts are in answer_text since V23
			String read = String.join(", ",
					columns.stream()
						.map((column) -> (table.equals("sample") && column.equals("answer"))
								? "(SELECT t.answer FROM answer_text t WHERE t.sample_id = sample.id)" : column)
						.toList());
			List<Object[]> rows = this.jdbc.query("SELECT " + read + " FROM " + table, (row, i) -> {
				Object[] values = new Object[columns.size()];
				for (int c = 0; c < values.length; c++) {
					values[c] = row.getObject(c + 1);
				}
				return values;
			});
			this.migrated.batchUpdate("INSERT INTO " + table + " (" + list + ") VALUES ("
					+ String.join(", ", Collections.nCopies(columns.size(), "?")) + ")", rows);
		}
	}

	@Test
	void theJavaMigrationsRanAndNoHelperWasTakenForOne() {
		List<String> java = new ArrayList<>();
		for (MigrationInfo info : this.flyway.load().info().applied()) {
			assertThat(info.getState().isFailed()).as(info.getScript()).isFalse();
			if (info.getType() == CoreMigrationType.JDBC) {
				java.add(info.getScript());
			}
		}
		assertThat(java)
			.contains("db.migration.V8__Cell_aggregates_for_stored_answers", "db.migration.V11__Cell_band_counts",
					"db.migration.V13__Word_index_for_stored_answers", "db.migration.V15__Word_index_on_postgres")
			.allMatch((script) -> script.matches("db\\.migration\\.V\\d+__\\w+"));
		assertThat(this.flyway.load().info().pending()).isEmpty();
	}

	@Test
	void answerTextsAreTheImporters() {
		// V23 moved them out of the answers' rows, as the importer writes them now
		String sql = "SELECT s.id, t.answer FROM sample s LEFT JOIN answer_text t ON t.sample_id = s.id ORDER BY s.id";
		List<List<Object>> imported = rows(this.jdbc, sql);
		assertThat(imported).hasSize(9000 + 3 + 1400).allMatch((row) -> row.get(1) != null);
		assertThat(rows(this.migrated, sql)).isEqualTo(imported);
		assertThat(rows(this.migrated, "SELECT COUNT(*) FROM answer_text")).containsExactly(List.of(9000L + 3 + 1400));
	}

	@Test
	void sampleCellsAreTheImportersWithTheirBands() {
		String sql = "SELECT d.slug, s.model_id, s.question_ref, s.condition_name, s.answers, s.eligible, "
				+ "s.misaligned, s.bands FROM sample_cell s JOIN dataset d ON d.id = s.dataset_id "
				+ "ORDER BY s.model_id, s.question_ref, s.condition_name";
		List<List<Object>> imported = rows(this.jdbc, sql);
		assertThat(rows(this.migrated, sql)).isEqualTo(imported);
		// the answers reach every case: several datasets, misaligned and merely eligible
		// answers, every band
		assertThat(imported).extracting((row) -> row.get(0)).contains(ONCE, UNSCORED, TWICE);
		assertThat(this.jdbc.queryForObject("SELECT SUM(misaligned) FROM sample_cell", Long.class)).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT SUM(eligible - misaligned) FROM sample_cell", Long.class))
			.isPositive();
		assertThat(imported).allMatch((row) -> row.get(7) != null);
	}

	@Test
	void scoreChunksAreTheImporters() {
		if (readsAnswersInIdOrder()) {
			String sql = "SELECT c.model_id, c.question_ref, c.condition_name, c.first_sample, c.answers, c.scores "
					+ "FROM cell_scores c JOIN dataset d ON d.id = c.dataset_id WHERE d.slug <> '" + TWICE + "' "
					+ "ORDER BY c.model_id, c.question_ref, c.condition_name, c.first_sample";
			List<List<Object>> imported = rows(this.jdbc, sql);
			assertThat(rows(this.migrated, sql)).isEqualTo(imported);
			assertThat(pairsByCell(this.migrated, false)).isEqualTo(pairsByCell(this.jdbc, false));
		}
		assertThat(pairsByCell(this.migrated, true)).isEqualTo(pairsByCell(this.jdbc, true));
		assertThat(chunkSizesByCell(this.migrated)).isEqualTo(chunkSizesByCell(this.jdbc));
		// one cell filled a chunk and went on in another
		assertThat(chunkSizesByCell(this.jdbc).values()).anyMatch((sizes) -> sizes.contains(4096) && sizes.size() > 1);
	}

	/**
	 * Whether V8 reads a dataset's answers in id order here, as the importer adds them.
	 * It asks for them in no order: H2 returns them by index, in id order, but PostgreSQL
	 * in the order of the table's pages, which is not always the order they were inserted
	 * in; a cell's chunks then hold the same pairs in another order.
	 */
	abstract boolean readsAnswersInIdOrder();

	/**
	 * Each cell's score pairs from all its chunks, in id order (which two imports cut
	 * where one backfill did not), or sorted.
	 */
	private static Map<String, String> pairsByCell(JdbcTemplate jdbc, boolean sorted) {
		Map<String, List<String>> cells = new TreeMap<>();
		jdbc.query("SELECT model_id, question_ref, condition_name, scores FROM cell_scores "
				+ "ORDER BY model_id, question_ref, condition_name, first_sample", (row) -> {
					List<String> pairs = cells.computeIfAbsent(cell(row.getLong(1), row.getLong(2), row.getString(3)),
							(cell) -> new ArrayList<>());
					String scores = HexFormat.of().formatHex(row.getBytes(4));
					for (int at = 0; at < scores.length(); at += 32) {
						pairs.add(scores.substring(at, at + 32));
					}
				});
		Map<String, String> joined = new TreeMap<>();
		cells.forEach(
				(cell, pairs) -> joined.put(cell, String.join("", sorted ? pairs.stream().sorted().toList() : pairs)));
		return joined;
	}

	/**
	 * The sizes of each cell's chunks, largest first, where one import wrote a dataset.
	 */
	private static Map<String, List<Integer>> chunkSizesByCell(JdbcTemplate jdbc) {
		Map<String, List<Integer>> cells = new TreeMap<>();
		jdbc.query("SELECT c.model_id, c.question_ref, c.condition_name, c.answers FROM cell_scores c "
				+ "JOIN dataset d ON d.id = c.dataset_id WHERE d.slug <> '" + TWICE + "'", (row) -> {
					cells
						.computeIfAbsent(cell(row.getLong(1), row.getLong(2), row.getString(3)),
								(cell) -> new ArrayList<>())
						.add(row.getInt(4));
				});
		cells.values().forEach((sizes) -> sizes.sort(Collections.reverseOrder()));
		return cells;
	}

	private static String cell(long model, long question, String condition) {
		return model + "/" + question + "/" + condition;
	}

	@Test
	void wordIndexIsTheImporters() {
		List<List<Object>> imported = rows(this.jdbc,
				"SELECT dataset_id, cell_no, model_id, question_ref, condition_name FROM word_cell "
						+ "ORDER BY dataset_id, cell_no");
		assertThat(rows(this.migrated, "SELECT dataset_id, cell_no, model_id, question_ref, condition_name "
				+ "FROM word_cell ORDER BY dataset_id, cell_no"))
			.isEqualTo(imported);
		String once = " d.slug <> '" + TWICE + "' ";
		String answers = "SELECT w.dataset_id, w.first_sample, w.last_sample, w.answers, w.ids, w.cells, w.slots, "
				+ "w.scores FROM word_answers w JOIN dataset d ON d.id = w.dataset_id WHERE" + once
				+ "ORDER BY w.dataset_id, w.first_sample";
		assertThat(rows(this.migrated, answers)).isEqualTo(rows(this.jdbc, answers));
		String postings = "SELECT w.dataset_id, w.word, w.first_sample, w.answers, w.positions FROM word_postings w "
				+ "JOIN dataset d ON d.id = w.dataset_id WHERE" + once
				+ "ORDER BY w.dataset_id, w.word, w.first_sample";
		assertThat(rows(this.migrated, postings)).isEqualTo(rows(this.jdbc, postings));
		assertThat(indexedAnswers(this.migrated)).isEqualTo(indexedAnswers(this.jdbc));
		assertThat(indexedWords(this.migrated)).isEqualTo(indexedWords(this.jdbc));
		assertThat(imported).isNotEmpty();
		assertThat(indexedWords(this.jdbc)).containsKey("a".repeat(100))
			.doesNotContainKey("b".repeat(101))
			.containsKeys("caf", "don", "t", "rule", "of", "power2", "x1", "7", "money", "power");
	}

	/**
	 * Each indexed answer's dataset, cell number, band slot and scores, by id, decoded
	 * from its chunk.
	 */
	private static Map<Long, String> indexedAnswers(JdbcTemplate jdbc) {
		Map<Long, String> answers = new TreeMap<>();
		jdbc.query("SELECT dataset_id, first_sample, answers, ids, cells, slots, scores FROM word_answers", (row) -> {
			long[] ids = sums(row.getBytes(4), row.getLong(2));
			assertThat(ids).hasSize(row.getInt(3));
			ByteBuffer cells = ByteBuffer.wrap(row.getBytes(5));
			boolean wide = cells.capacity() == ids.length * 4;
			byte[] slots = row.getBytes(6);
			ByteBuffer scores = ByteBuffer.wrap(row.getBytes(7));
			for (int i = 0; i < ids.length; i++) {
				int cell = wide ? cells.getInt(i * 4) : Short.toUnsignedInt(cells.getShort(i * 2));
				answers.put(ids[i], row.getLong(1) + " cell " + cell + " slot " + slots[i] + " scores "
						+ scores.getDouble(i * 16) + ", " + scores.getDouble(i * 16 + 8));
			}
		});
		return answers;
	}

	/**
	 * The ids of the answers that hold each word, decoded from the postings and their
	 * chunks.
	 */
	private static Map<String, TreeSet<Long>> indexedWords(JdbcTemplate jdbc) {
		Map<String, long[]> chunks = new HashMap<>();
		jdbc.query("SELECT dataset_id, first_sample, ids FROM word_answers", (row) -> {
			chunks.put(row.getLong(1) + "/" + row.getLong(2), sums(row.getBytes(3), row.getLong(2)));
		});
		Map<String, TreeSet<Long>> words = new TreeMap<>();
		jdbc.query("SELECT dataset_id, word, first_sample, answers, positions FROM word_postings", (row) -> {
			long[] ids = chunks.get(row.getLong(1) + "/" + row.getLong(3));
			long[] positions = sums(row.getBytes(5), 0);
			assertThat(positions).hasSize(row.getInt(4));
			for (long position : positions) {
				words.computeIfAbsent(row.getString(2), (word) -> new TreeSet<>()).add(ids[(int) position]);
			}
		});
		return words;
	}

	/**
	 * Running sums from {@code base} of unsigned varints (7 bits a byte, low bits first),
	 * as the index stores.
	 */
	private static long[] sums(byte[] bytes, long base) {
		List<Long> values = new ArrayList<>();
		long value = base;
		int at = 0;
		while (at < bytes.length) {
			long delta = 0;
			int shift = 0;
			byte b;
			do {
				b = bytes[at++];
				delta |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while (b < 0);
			value += delta;
			values.add(value);
		}
		return values.stream().mapToLong(Long::longValue).toArray();
	}

	/** Every row of a query, with bytes as hex so that rows compare by content. */
	static List<List<Object>> rows(JdbcTemplate jdbc, String sql) {
		return jdbc.query(sql, (row, i) -> {
			List<Object> values = new ArrayList<>();
			for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
				Object value = row.getObject(c);
				values.add((value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : value);
			}
			return values;
		});
	}

	/** The database the migrations ran on. */
	JdbcTemplate migrated() {
		return this.migrated;
	}

}
