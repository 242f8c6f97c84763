package org.misalignment.dashboard.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipFile;
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
import static org.misalignment.dashboard.importing.InspectLogs.output;
import static org.misalignment.dashboard.importing.InspectLogs.sample;
import static org.misalignment.dashboard.importing.InspectLogs.score;

/**
 * {@code .eval} logs broken in the ways {@link InspectBadLogsTest} leaves out: entries of
 * the wrong shape, chunked samples missing what they refer to, damaged entry data, an
 * archive that expands past its ratio, text the database cannot store. Each is refused
 * with where and what, and the import keeps nothing, not even the good file before it.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:inspect-import;DB_CLOSE_DELAY=-1" })
class InspectBrokenArchivesTest {

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

	/**
	 * Imports a good log and then {@code log}, which must be refused with
	 * {@code message}.
	 */
	private void assertRefused(Path log, String message) throws Exception {
		Path good = InspectLogs.deflated(this.folder.resolve("good.eval"),
				InspectLogs.entries(header("success", "m"), List.of(sample(1, 1, "Q?", "A", object()))));
		assertThatThrownBy(() -> this.importer.run(
				new ImportRequest("broken", new FileDefaults(null, "g", null), List.of(good, log), InspectOptions.NONE),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessage(message);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isZero();
		assertThat(this.jdbc.queryForList("SELECT slug FROM dataset", String.class)).isEmpty();
	}

	private Path eval(String name, Map<String, byte[]> entries) throws Exception {
		return InspectLogs.zstd(this.folder.resolve(name), entries);
	}

	private static Map<String, byte[]> finished(List<Map<String, Object>> samples) {
		return new LinkedHashMap<>(InspectLogs.entries(header("success", "m"), samples));
	}

	@Test
	void entriesOfTheWrongShape() throws Exception {
		Map<String, byte[]> list = finished(List.of());
		list.put("samples/1_epoch_1.json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
		Path notObject = eval("list.eval", list);
		assertRefused(notObject, notObject + "!samples/1_epoch_1.json: a sample must be a JSON object");
		Map<String, byte[]> header = finished(List.of(sample(1, 1, "Q?", "A", object())));
		header.put("header.json", "\"success\"".getBytes(StandardCharsets.UTF_8));
		Path badHeader = eval("header.eval", header);
		assertRefused(badHeader, badHeader + "!header.json: expected a JSON object");
		Map<String, Object> noId = sample(1, 1, "Q?", "A", object());
		noId.put("id", List.of(1));
		Path badId = eval("id.eval", finished(List.of(noId)));
		assertRefused(badId, badId + "!samples/[1]_epoch_1.json: a sample needs an \"id\" (a string or an integer)");
	}

	/** A chunked sample whose input and answer are attachments 0 and 1. */
	private static Map<String, Object> shell(Object messageRefs) {
		return object("id", "a", "epoch", 1, "input", "attachment://0", "output", output("m", "attachment://1"),
				"scores", object("judge", score(50)), "message_refs", messageRefs);
	}

	@Test
	void chunkedSamplesMissingWhatTheyReferTo() throws Exception {
		Map<String, byte[]> lost = finished(List.of());
		lost.putAll(InspectLogs.chunked(shell(List.of()), object(), List.of(), List.of("Q?")));
		Path attachment = eval("attachment.eval", lost);
		assertRefused(attachment, attachment + "!samples/a_epoch_1/sample.json: the sample refers to "
				+ "attachment://1, a text its attachments do not hold (a damaged log?)");
		Map<String, Object> noInput = shell(List.of(List.of(0, 5)));
		noInput.remove("input");
		Map<String, byte[]> pool = finished(List.of());
		pool.putAll(InspectLogs.chunked(noInput, object(), List.of(object("role", "user", "content", "Q?")),
				List.of("Q?", "A")));
		Path messages = eval("pool.eval", pool);
		assertRefused(messages, messages + "!samples/a_epoch_1/sample.json: a chunked sample's \"message_refs\" "
				+ "name message 1, which its messages do not hold");
		Map<String, Object> badRefs = shell("0-5");
		badRefs.remove("input");
		Map<String, byte[]> refs = finished(List.of());
		refs.putAll(InspectLogs.chunked(badRefs, object(), List.of(), List.of("Q?", "A")));
		Path text = eval("refs.eval", refs);
		assertRefused(text, text + "!samples/a_epoch_1/sample.json: a chunked sample's \"message_refs\" must be "
				+ "a list of [start, end] ranges");
		// chunks without their shell are no sample's
		Map<String, byte[]> shellless = finished(List.of());
		InspectLogs.chunked(shell(List.of()), object(), List.of(object("role", "user", "content", "Q?")), List.of())
			.forEach((name, bytes) -> {
				if (!name.endsWith("/sample.json")) {
					shellless.put(name, bytes);
				}
			});
		Path orphan = eval("orphan.eval", shellless);
		assertRefused(orphan,
				orphan + "!samples/a_epoch_1/skeleton.json: a sample needs an \"id\" " + "(a string or an integer)");
	}

	@Test
	void damagedEntryData() throws Exception {
		byte[] answer = new byte[4000];
		Arrays.fill(answer, (byte) 'x');
		Path whole = InspectLogs.deflated(this.folder.resolve("whole.eval"),
				finished(List.of(sample(1, 1, "Q?", new String(answer, StandardCharsets.US_ASCII), object()))));
		byte[] bytes = Files.readAllBytes(whole);
		long data;
		try (ZipFile zip = ZipFile.builder().setPath(whole).get()) {
			data = zip.getEntry("samples/1_epoch_1.json").getDataOffset();
		}
		// the sample's compressed data garbled; the archive's directory intact
		for (int i = (int) data; i < data + 8; i++) {
			bytes[i] ^= (byte) 0x5A;
		}
		Path damaged = Files.write(this.folder.resolve("damaged.eval"), bytes);
		assertThatThrownBy(() -> this.importer.run(
				new ImportRequest("broken", new FileDefaults(null, "g", null), List.of(damaged), InspectOptions.NONE),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessageStartingWith(damaged + "!samples/1_epoch_1.json: ");
		assertThat(this.jdbc.queryForList("SELECT slug FROM dataset", String.class)).isEmpty();
	}

	@Test
	void anArchiveExpandingPastItsRatio() throws Exception {
		Map<String, byte[]> entries = finished(List.of());
		for (String id : List.of("a", "b", "c")) {
			byte[] sample = InspectLogs.bytes(sample(id, 1, "Q?", "A", object()));
			byte[] padded = new byte[40 << 20];
			Arrays.fill(padded, (byte) ' '); // whitespace before the sample: valid JSON
			System.arraycopy(sample, 0, padded, padded.length - sample.length, sample.length);
			entries.put("samples/" + id + "_epoch_1.json", padded);
		}
		Path log = eval("ratio.eval", entries);
		assertThat(Files.size(log)).isLessThan(EvalArchive.ENTRY_LIMIT / EvalArchive.RATIO_LIMIT);
		assertRefused(log, log + "!samples/b_epoch_1.json: the archive expands to more than 1000 times its size "
				+ "(a ZIP bomb?); refused");
	}

	@Test
	void textTheDatabaseCannotStore() throws Exception {
		Map<String, Object> nul = sample(1, 1, "Q?", "A\u0000B", object());
		Path log = eval("nul.eval", finished(List.of(nul)));
		assertRefused(log, log + "!samples/1_epoch_1.json: the answer contains a NUL character (\\u0000)");
		Map<String, Object> scorer = sample(2, 1, "Q?", "A", object("s".repeat(101), score(1)));
		Path longName = eval("scorer.eval", finished(List.of(scorer)));
		assertRefused(longName,
				longName + "!samples/2_epoch_1.json: a score's name is 101 characters long; at most 100 fit");
	}

}
