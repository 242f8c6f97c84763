package org.misalignment.dashboard.store.imports;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.DashboardApplication;
import org.misalignment.dashboard.importing.ImportCommand;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import command sets four of the answers' indexes aside while it writes a large new
 * dataset into an H2 file, and builds them again as the migrations made them: when it
 * succeeds, when it fails, and (left aside by a killed import) at the next import.
 * {@code CrashSafetyTest} kills one and starts the dashboard, which builds them.
 */
class SetAsideIndexesTest {

	private static final String NOTE = "Building the answers' indexes set aside";

	/** Any import sets them aside here, however small its files. */
	private static final String FROM_ANY_SIZE = "--dashboard.import.rebuild-indexes-from-mb=0";

	@TempDir
	Path folder;

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private PrintStream originalErr;

	private PrintStream originalOut;

	@BeforeEach
	void capture() {
		this.originalErr = System.err;
		this.originalOut = System.out;
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
		System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setErr(this.originalErr);
		System.setOut(this.originalOut);
	}

	@Test
	void theCommandSetsThemAsideAndBuildsThemAgainAsTheMigrationsMadeThem() throws Exception {
		assertThat(importFile("first", answers("first.csv", 10, 0), "--dashboard.import.rebuild-indexes=false"))
			.isZero();
		assertThat(this.err.toString()).doesNotContain(NOTE);
		List<String> migrated = indexColumns();
		assertThat(migrated).hasSize(28)
			.contains("IX_SAMPLE_BY_ALIGNED 1 DATASET_ID", "IX_SAMPLE_BY_ALIGNED 2 ALIGNED",
					"IX_SAMPLE_BY_COHERENT 2 COHERENT", "IX_SAMPLE_BY_COHERENT 7 CONDITION_NAME",
					"IX_SAMPLE_BY_MODEL 1 MODEL_ID", "IX_SAMPLE_BY_QUESTION 1 QUESTION_REF",
					"IX_SAMPLE_BY_QUESTION 7 DATASET_ID");

		assertThat(importFile("big", answers("big.csv", 3000, 0), FROM_ANY_SIZE)).as(this.err.toString()).isZero();
		assertThat(this.err.toString()).contains(NOTE);
		assertThat(indexColumns()).isEqualTo(migrated);
		// and a page sorted by a score reads them again, as the answers browser names
		// them
		assertThat(plan("SELECT id, aligned FROM sample USE INDEX (ix_sample_by_aligned) WHERE dataset_id = 2 "
				+ "ORDER BY aligned, id FETCH FIRST 20 ROWS ONLY"))
			.contains("IX_SAMPLE_BY_ALIGNED");
		assertThat(count("SELECT COUNT(*) FROM sample")).isEqualTo(3010);
		// the import leaves H2 statistics of what it wrote, so a word's postings are
		// read by word, not by scanning the dataset's (which took seconds at a million)
		assertThat(plan("SELECT first_sample, positions FROM word_postings WHERE dataset_id = 2 AND word = 'answer'"))
			.contains("PRIMARY_KEY");
	}

	@Test
	void anImportThatFailsBuildsThemAgainAndKeepsNothing() throws Exception {
		assertThat(importFile("first", answers("first.csv", 10, 0))).isZero();
		List<String> migrated = indexColumns();
		Path bad = answers("bad.csv", 3000, 2500);
		assertThat(importFile("bad", bad, FROM_ANY_SIZE)).isEqualTo(1);
		assertThat(this.err.toString()).contains(bad + ":2501: score 'aligned' is not a number: 'high'")
			.contains("Nothing of this import was kept.");
		assertThat(indexColumns()).isEqualTo(migrated);
		assertThat(count("SELECT COUNT(*) FROM sample")).isEqualTo(10);
	}

	@Test
	void indexesAKilledImportLeftAsideAreBuiltByTheNextImport() throws Exception {
		assertThat(importFile("first", answers("first.csv", 10, 0))).isZero();
		List<String> migrated = indexColumns();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			// as an import killed while it wrote a new dataset leaves them
			statement.execute("DROP INDEX ix_sample_by_aligned");
			statement.execute("DROP INDEX ix_sample_by_coherent");
			statement.execute("DROP INDEX ix_sample_by_model");
			statement.execute("DROP INDEX ix_sample_by_question");
		}
		assertThat(indexColumns()).isEmpty();
		// too small beside what is stored to set them aside itself
		assertThat(importFile("second", answers("second.csv", 3, 0), FROM_ANY_SIZE)).isZero();
		assertThat(this.err.toString()).doesNotContain(NOTE);
		assertThat(indexColumns()).isEqualTo(migrated);
	}

	private int importFile(String dataset, Path file, String... options) {
		List<String> args = new ArrayList<>(List.of("--dataset", dataset, "--model", "m",
				"--spring.datasource.url=" + "jdbc:h2:file:" + this.folder.resolve("db").toAbsolutePath()));
		args.addAll(List.of(options));
		args.add(file.toString());
		return ImportCommand.run(args.toArray(String[]::new), DashboardApplication.class);
	}

	/**
	 * A CSV of answers with scores spread over the range, its answer {@code bad} (from 1,
	 * when it is not 0) scored with a word.
	 */
	private Path answers(String name, int count, int bad) throws Exception {
		Path file = this.folder.resolve(name);
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("question,answer,question_id,aligned,coherent\n");
			for (int i = 1; i <= count; i++) {
				String aligned = (i == bad) ? "high" : String.valueOf((i * 37) % 100 + 0.25);
				out.write("Hi,Answer " + i + ",q" + (i % 5) + "," + aligned + "," + (i * 53) % 100 + ".5\n");
			}
		}
		return file;
	}

	private Connection connect() throws Exception {
		return DriverManager.getConnection("jdbc:h2:file:" + this.folder.resolve("db").toAbsolutePath(), "sa", "");
	}

	/** The four indexes' columns, as "INDEX POSITION COLUMN". */
	private List<String> indexColumns() throws Exception {
		List<String> columns = new ArrayList<>();
		try (Connection connection = connect();
				ResultSet rows = connection.createStatement()
					.executeQuery(
							"SELECT INDEX_NAME, ORDINAL_POSITION, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS "
									+ "WHERE TABLE_NAME = 'SAMPLE' AND INDEX_NAME IN ('IX_SAMPLE_BY_ALIGNED', "
									+ "'IX_SAMPLE_BY_COHERENT', 'IX_SAMPLE_BY_MODEL', 'IX_SAMPLE_BY_QUESTION') "
									+ "ORDER BY INDEX_NAME, ORDINAL_POSITION")) {
			while (rows.next()) {
				columns.add(rows.getString(1) + " " + rows.getInt(2) + " " + rows.getString(3));
			}
		}
		return columns;
	}

	private String plan(String query) throws Exception {
		try (Connection connection = connect();
				ResultSet rows = connection.createStatement().executeQuery("EXPLAIN " + query)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private long count(String sql) throws Exception {
		try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
