package org.misalignment.dashboard.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misalignment.dashboard.importing.InspectLogs.header;
import static org.misalignment.dashboard.importing.InspectLogs.object;
import static org.misalignment.dashboard.importing.InspectLogs.sample;
import static org.misalignment.dashboard.importing.InspectLogs.score;

/**
 * Inspect logs that did not finish, broken archives and JSON of the wrong shape: each
 * refused with where and what, and nothing of the import kept.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:inspect-bad-logs;DB_CLOSE_DELAY=-1" })
class InspectBadLogsTest {

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	Path folder;

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM dataset");
	}

	static List<Map<String, Object>> samples() {
		return List.of(sample(1, 1, "Q?", "A1", object("judge", score(50))),
				sample(1, 2, "Q?", "A2", object("judge", score(60))), sample("two", 1, "Q?", "A3", object()));
	}

	private ImportReport run(Path path, InspectOptions options) throws Exception {
		return this.importer.run(
				new ImportRequest("inspect", new FileDefaults(null, "g", null), List.of(path), options),
				ImportProgress.NONE);
	}

	private void assertRefused(Path path, InspectOptions options, String message) {
		assertThatThrownBy(() -> run(path, options)).isInstanceOf(ImportException.class).hasMessage(message);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isZero();
		assertThat(this.jdbc.queryForList("SELECT slug FROM dataset", String.class)).isEmpty();
	}

	@Test
	void anEvalLogWithoutHeaderIsRefusedUnlessIncompleteLogsAreAllowed() throws Exception {
		Path log = InspectLogs.zstd(this.folder.resolve("cut.eval"), InspectLogs.entries(null, samples()));
		assertRefused(log, InspectOptions.NONE, log + ":1: the log has no header.json (the run did not finish) "
				+ "and holds 3 samples; import it anyway with --allow-incomplete");
		assertThat(run(log, InspectOptions.NONE.allowingIncomplete()).answers()).isEqualTo(3);
		// the model comes from the journal's start.json
		assertThat(this.jdbc.queryForList("SELECT name FROM model", String.class)).containsExactly("openai/gpt-4o");
	}

	@Test
	void aJsonLogThatEndedInAnErrorIsRefusedWithItsSampleCount() throws Exception {
		Path log = InspectLogs.jsonLog(this.folder.resolve("error.json"), header("error", "m"), samples());
		assertRefused(log, InspectOptions.NONE, log + ":1: the log's status is 'error' (the run did not finish) "
				+ "and holds 3 samples; import it anyway with --allow-incomplete");
		Path cancelled = InspectLogs.deflated(this.folder.resolve("cancelled.eval"),
				InspectLogs.entries(header("cancelled", "m"), samples()));
		assertRefused(cancelled, InspectOptions.NONE, cancelled + ":1: the log's status is 'cancelled' "
				+ "(the run did not finish) and holds 3 samples; import it anyway with --allow-incomplete");
	}

	@Test
	void aTruncatedArchiveIsRefused() throws Exception {
		Path whole = InspectLogs.deflated(this.folder.resolve("whole.eval"),
				InspectLogs.entries(header("success", "m"), samples()));
		Path cut = InspectLogs.truncated(whole, this.folder.resolve("cut.eval"), (int) (Files.size(whole) / 2));
		assertThatThrownBy(() -> run(cut, InspectOptions.NONE)).isInstanceOf(ImportException.class)
			.hasMessageStartingWith(cut + ":1: not a readable .eval log (a ZIP archive; is it truncated?)");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isZero();
	}

	@Test
	void anEntryPathOutsideTheArchiveIsRefused() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>(InspectLogs.entries(header("success", "m"), samples()));
		entries.put("../../etc/x", "{}".getBytes(StandardCharsets.UTF_8));
		Path log = InspectLogs.deflated(this.folder.resolve("escape.eval"), entries);
		assertRefused(log, InspectOptions.NONE, log
				+ "!../../etc/x: an entry whose path leaves the archive; an Inspect log has none, so this file is refused");
	}

	@Test
	void anEntryExpandingBeyondItsLimitIsRefused() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>(InspectLogs.entries(header("success", "m"), samples()));
		byte[] bomb = new byte[(int) EvalArchive.ENTRY_LIMIT + 1024];
		java.util.Arrays.fill(bomb, (byte) ' '); // whitespace: valid JSON all the way
		entries.put("samples/bomb_epoch_1.json", bomb);
		Path log = InspectLogs.deflated(this.folder.resolve("bomb.eval"), entries);
		assertThat(Files.size(log)).isLessThan(1 << 20);
		assertRefused(log, InspectOptions.NONE, log
				+ "!samples/bomb_epoch_1.json: expands to more than 64 MB, more than any real sample (a ZIP bomb?); refused");
	}

	@Test
	void jsonOfTheWrongShapeIsRefusedWithItsPlace() throws Exception {
		Path notList = Files.writeString(this.folder.resolve("shape.json"),
				"{\"version\": 2, \"status\": \"success\", \"eval\": {\"model\": \"m\"},\n\"samples\": {\"id\": 1}}");
		assertRefused(notList, InspectOptions.NONE, notList + ":2: \"samples\" must be a list of samples");
		Map<String, Object> numeric = sample(1, 1, null, "A", object());
		numeric.put("input", 42);
		Path badInput = InspectLogs.zstd(this.folder.resolve("input.eval"),
				InspectLogs.entries(header("success", "m"), List.of(numeric)));
		assertRefused(badInput, InspectOptions.NONE,
				badInput + "!samples/1_epoch_1.json: a sample's \"input\" must be a string or a list of messages");
		Path noEval = Files.writeString(this.folder.resolve("other.json"), "{\"version\": 2, \"samples\": []}");
		assertRefused(noEval, InspectOptions.NONE,
				noEval + ":1: not an Inspect log: no \"eval\" (the task, model and run)");
		Path broken = Files.writeString(this.folder.resolve("broken.json"),
				"{\"version\": 2, \"eval\": {\"model\": \"m\"}, \"samples\": [{\"id\": 1,");
		assertThatThrownBy(() -> run(broken, InspectOptions.NONE)).isInstanceOf(ImportException.class)
			.hasMessageStartingWith(broken + ":1: not valid JSON: ");
	}

	@Test
	void aMetricOptionNamingNoMetricOfTheLogIsRefused() throws Exception {
		Path log = InspectLogs.jsonLog(this.folder.resolve("run.json"), header("success", "m"), samples());
		assertRefused(log, InspectOptions.NONE.withMetric("aligned=harmfulness"), log
				+ ":1: --metric aligned=harmfulness: no sample has a metric 'harmfulness' (the log's metrics: judge)");
	}

	@Test
	void anAnswerTooLongForTheStoreIsNamedByItsEntry() throws Exception {
		Path log = InspectLogs.deflated(this.folder.resolve("long.eval"), InspectLogs.entries(header("success", "m"),
				List.of(sample(5, 1, "Q?", "x".repeat(1_000_001), object()))));
		assertRefused(log, InspectOptions.NONE,
				log + "!samples/5_epoch_1.json: the answer is 1,000,001 characters long; at most 1,000,000 fit");
	}

}
