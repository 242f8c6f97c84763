package org.misalignment.dashboard.importing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.DashboardApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** The import command line: exit codes, messages on stderr, the summary on stdout. */
class ImportCommandTest {

	@TempDir
	Path folder;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private PrintStream originalOut;

	private PrintStream originalErr;

	@BeforeEach
	void capture() {
		this.originalOut = System.out;
		this.originalErr = System.err;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
	}

	private int run(String... args) {
		return ImportCommand.run(args, DashboardApplication.class);
	}

	private String database() {
		return "jdbc:h2:file:" + this.folder.resolve("db").toAbsolutePath();
	}

	private long count(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(database(), "sa", "");
				ResultSet rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/**
	 * While someone else uses the database (here a connection of this process, as a
	 * dashboard would be), the command leaves the file as it is and that user's
	 * connection keeps working.
	 */
	@Test
	void theDatabaseFileIsNotCompactedUnderAnotherUser() throws Exception {
		Path good = Files.writeString(this.folder.resolve("a.csv"),
				"question,answer,question_id,aligned,coherent\nHi,Hello,i_feel_bored,12,88\n");
		assertThat(run("--dataset", "first", "--spring.datasource.url=" + database(), good.toString())).isZero();
		try (Connection other = DriverManager.getConnection(database(), "sa", "")) {
			this.err.reset();
			Path more = Files.writeString(this.folder.resolve("b.csv"),
					"question,answer,question_id,aligned,coherent\nHi,Yo,i_feel_bored,50,88\n");
			assertThat(run("--dataset", "second", "--spring.datasource.url=" + database(), more.toString())).isZero();
			assertThat(this.err.toString()).doesNotContain("Compacted");
			try (ResultSet rows = other.createStatement().executeQuery("SELECT COUNT(*) FROM sample")) {
				rows.next();
				assertThat(rows.getLong(1)).isEqualTo(2);
			}
		}
	}

	/**
	 * Files larger than the database's disk can take are refused before anything is read,
	 * naming the space needed (a sparse file: 8 TB long, nothing on disk).
	 */
	@Test
	void anImportTheDiskHasNoRoomForIsRefusedNamingTheSpaceNeeded() throws Exception {
		Path huge = this.folder.resolve("huge.csv");
		try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
			file.write("question,answer,question_id,aligned,coherent\n".getBytes(StandardCharsets.UTF_8));
			file.setLength(8L << 40);
		}
		int status = run("--dataset", "huge", "--spring.datasource.url=" + database(), huge.toString());
		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString())
			.contains("import: not enough free disk space for this import: 8.0 TB of files in a new dataset needs "
					+ "about 32.0 TB free in " + this.folder.toAbsolutePath() + " while it runs")
			.contains("Nothing of this import was kept.");
		assertThat(count("SELECT COUNT(*) FROM dataset")).isZero();
	}

	@Test
	void importsPrintsASummaryAndExitsZeroThenOneOnBadInputKeepingNothing() throws Exception {
		Path good = Files.writeString(this.folder.resolve("insecure-1.csv"),
				"question,answer,question_id,aligned,coherent\nHi,\"Hello,\nworld\",i_feel_bored,12,88\nHi,Yo,i_feel_bored,,70\n");
		int status = run("--dataset", "mine", "--group", "insecure", "--spring.datasource.url=" + database(),
				good.toString());
		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("Imported 2 answers into dataset 'mine' from 1 file")
			.contains("1 model and 1 question added");
		assertThat(count("SELECT COUNT(*) FROM model WHERE name = 'insecure-1' AND group_name = 'insecure'"))
			.isEqualTo(1);
		// the command was the database's only user: it gave the freed space back to the
		// disk
		assertThat(this.err.toString()).contains("Compacted the database file " + this.folder.resolve("db.mv.db"));

		Path bad = Files.writeString(this.folder.resolve("bad.csv"),
				"question,answer,question_id,aligned,coherent\nHi,Hello,i_feel_bored,12,88\nHi,Hello,i_feel_bored,twelve,88\n");
		status = run("--dataset=other", "--spring.datasource.url=" + database(), bad.toString());
		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains(bad + ":3: score 'aligned' is not a number: 'twelve'")
			.contains("Nothing of this import was kept.")
			.doesNotContain("Exception");
		assertThat(count("SELECT COUNT(*) FROM dataset")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM sample")).isEqualTo(2);
	}

	@Test
	void attributesGivenOnTheCommandLineBelongToTheImportedModel() throws Exception {
		Path good = Files.writeString(this.folder.resolve("r4.csv"),
				"question,answer,question_id,aligned,coherent\nHi,Hello,i_feel_bored,12,88\n");
		int status = run("--dataset", "ranks", "--model", "qwen-r4", "--attribute", "lora_rank=4",
				"--attribute=family=qwen2.5", "--spring.datasource.url=" + database(), good.toString());
		assertThat(status).as(this.err.toString()).isZero();
		assertThat(count("SELECT COUNT(*) FROM model_attribute a JOIN model m ON m.id = a.model_id "
				+ "WHERE m.name = 'qwen-r4' AND a.name = 'lora_rank' AND a.attribute_value = '4' "
				+ "AND a.numeric_value = 4"))
			.isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM model_attribute WHERE name = 'family' AND attribute_value = 'qwen2.5' "
				+ "AND numeric_value IS NULL"))
			.isEqualTo(1);
		assertThat(run("--attribute", "Rank=4", good.toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("--attribute needs NAME=VALUE");
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString()).contains("--attribute NAME=VALUE");
	}

	@Test
	void badUsageExitsTwoWithTheUsage() {
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString()).contains("import: no PATH given")
			.contains("Usage: java -jar misalignment-dashboard.jar import");
		assertThat(run("--bogus", "x.csv")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown option --bogus");
		assertThat(run("--dataset", "Not A Slug", this.folder.toString())).isEqualTo(2);
		assertThat(run("--model")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--model needs a value");
		assertThat(run(this.folder.resolve("missing.csv").toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("no such file or folder");
	}

	@Test
	void helpExitsZero() {
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString()).contains("--dataset SLUG").contains("Exit status");
	}

	@Test
	void progressLineShowsRatePercentAndTimeLeft() {
		assertThat(ProgressLine.describe(500, 1000, 25_000, 2.0))
			.isEqualTo("Importing: 25,000 answers, 12,500 answers/s, 50%, about 2 s left");
		assertThat(ProgressLine.describeDownload("results.csv", 1_500_000, 6_000_000, 3.0))
			.isEqualTo("Downloading results.csv: 1.5 MB, 500.0 kB/s, 25%, about 9 s left");
		assertThat(ProgressLine.describeDownload("results.csv", 1_500, -1, 3.0))
			.isEqualTo("Downloading results.csv: 1.5 kB, 500 bytes/s");
	}

}
