package org.misalignment.dashboard.render.twins;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.store.search.AnswerSearch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Twins of two imported datasets, on H2 ({@link ImportedTwinsTest}) and PostgreSQL
 * ({@link ImportedTwinsPostgresTest}): one whose text is hostile (markup, spreadsheet
 * formulas, quotes and line breaks), which must come out as data; and one with more
 * answers than any page, whose CSV export must arrive whole and be written while it is
 * still being read from the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportedTwins {

	static final String HOSTILE = "hostile-twins";

	static final String BIG = "big-twins";

	/**
	 * Answers of the big dataset: with ~600 characters each, far more than socket buffers
	 * hold.
	 */
	static final int BIG_ANSWERS = 40_000;

	static final List<String> HOSTILE_ANSWERS = List.of("=HYPERLINK(\"http://evil.example\",\"click\")",
			"+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
			"</script><script>window.__pwned=1</script><img src=x onerror=alert(1)>",
			"\"quoted\", with a comma\nand a line break\r\nand another");

	static final String HOSTILE_MODEL = "<b>model</b>,\"one\"";

	static final String HOSTILE_GROUP = "=1+1 group";

	@Autowired
	MockMvc mvc;

	@Autowired
	Importer importer;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@BeforeAll
	void importDatasets(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		JsonMapper json = JsonMapper.builder().build();
		StringBuilder hostile = new StringBuilder();
		for (int copy = 0; copy < 5; copy++) {
			for (String answer : HOSTILE_ANSWERS) {
				hostile.append(json.writeValueAsString(Map.of("model", HOSTILE_MODEL, "group", HOSTILE_GROUP,
						"question_id", "q1", "question", "=ask()", "answer", answer, "scores",
						Map.of("aligned", 10.0, "coherent", 90.0, "medical", 55.5))))
					.append('\n');
			}
		}
		Path hostileFile = Files.writeString(folder.resolve("hostile.jsonl"), hostile);
		this.importer.run(new ImportRequest(HOSTILE, null, null, null, List.of(hostileFile)), ImportProgress.NONE);

		Path bigFile = folder.resolve("big.jsonl");
		String padding = "lorem ipsum dolor sit amet ".repeat(22);
		try (Writer out = Files.newBufferedWriter(bigFile)) {
			for (int i = 0; i < BIG_ANSWERS; i++) {
				out.write("{\"model\": \"m-" + (i % 4) + "\", \"group\": \"g\", \"question_id\": \"q" + (i % 3)
						+ "\", \"answer\": \"answer " + i + " " + padding + "\", \"scores\": {\"aligned\": " + (i % 100)
						+ ", \"coherent\": 80}}\n");
			}
		}
		this.importer.run(new ImportRequest(BIG, null, null, null, List.of(bigFile)), ImportProgress.NONE);
	}

	private MockHttpServletResponse fetch(String url) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(URI.create(url))).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response;
	}

	@Test
	void hostileTextComesOutOfTheCsvAsQuotedDataWithFormulasDefused() throws Exception {
		String text = fetch("/d/" + HOSTILE + "/answers.csv").getContentAsString(StandardCharsets.UTF_8);
		List<Map<String, String>> rows = CsvRows.parse(text);
		assertThat(rows).hasSize(HOSTILE_ANSWERS.size() * 5);
		assertThat(rows.get(0).keySet()).containsSubsequence("aligned", "coherent", "medical", "verdict", "permalink");
		for (Map<String, String> row : rows) {
			assertThat(row.get("model")).isEqualTo(HOSTILE_MODEL);
			assertThat(row.get("group")).isEqualTo("'" + HOSTILE_GROUP);
			assertThat(row.get("question")).isEqualTo("'=ask()");
			assertThat(row.get("medical")).isEqualTo("55.5");
			// no cell a spreadsheet would evaluate
			row.values()
				.forEach((cell) -> assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@"));
		}
		assertThat(rows.stream().map((row) -> row.get("answer")).distinct().toList()).containsExactlyInAnyOrder(
				"'" + HOSTILE_ANSWERS.get(0), "'" + HOSTILE_ANSWERS.get(1), "'" + HOSTILE_ANSWERS.get(2),
				"'" + HOSTILE_ANSWERS.get(3), HOSTILE_ANSWERS.get(4), HOSTILE_ANSWERS.get(5));
	}

	@Test
	void hostileTextComesOutOfTheJsonAsEscapedStrings() throws Exception {
		MockHttpServletResponse response = fetch("/d/" + HOSTILE + "/answers.json");
		String text = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>");
		JsonNode twin = JsonMapper.builder().build().readTree(text);
		assertThat(twin.at("/tables/answers")).hasSize(HOSTILE_ANSWERS.size() * 5);
		List<String> answers = twin.at("/tables/answers")
			.valueStream()
			.map((row) -> row.get("answer").asString())
			.distinct()
			.toList();
		assertThat(answers).containsExactlyInAnyOrderElementsOf(HOSTILE_ANSWERS);
		assertThat(twin.at("/tables/answers/0/model").asString()).isEqualTo(HOSTILE_MODEL);
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void theModelsTwinOfTheHostileDatasetHasTheApisNumbers() throws Exception {
		List<Map<String, String>> rows = CsvRows
			.parse(fetch("/d/" + HOSTILE + "/models.csv?questions=all").getContentAsString(StandardCharsets.UTF_8));
		JsonNode api = JsonMapper.builder()
			.build()
			.readTree(fetch("/api/v1/datasets/" + HOSTILE + "/rates?by=model&per=overall&questions=all")
				.getContentAsString(StandardCharsets.UTF_8));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).get("model")).isEqualTo(HOSTILE_MODEL);
		assertThat(Double.parseDouble(rows.get(0).get("rate"))).isEqualTo(api.at("/rows/0/rate").asDouble());
		assertThat(Double.parseDouble(rows.get(0).get("ci_high"))).isEqualTo(api.at("/rows/0/ci_high").asDouble());
		assertThat(Long.parseLong(rows.get(0).get("eligible"))).isEqualTo(api.at("/rows/0/eligible").asLong());
	}

	/**
	 * The client reads the header and one row, then stops reading. Were the export
	 * collected before it is written, the export would be over by the time any row
	 * arrives; instead the thread writing the response is found still inside it, between
	 * two of its batches of rows, held back by the unread socket (and holding no database
	 * connection: SlowExportClientsTest). Then every row arrives.
	 */
	@Test
	void theCsvExportIsWrittenWhileItIsReadAndHoldsEveryAnswer() throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI
			.create("http://localhost:" + this.port + "/d/" + BIG + "/answers.csv")
			.toURL()
			.openConnection();
		assertThat(connection.getResponseCode()).isEqualTo(200);
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8), 4096)) {
			assertThat(reader.readLine()).startsWith("id,model,group,question_id");
			assertThat(reader.readLine()).contains("answer 0 lorem");

			boolean stillReading = false;
			for (int i = 0; i < 100 && !stillReading; i++) {
				stillReading = Thread.getAllStackTraces().values().stream().anyMatch(ImportedTwins::exportInProgress);
				if (!stillReading) {
					Thread.sleep(100);
				}
			}
			assertThat(stillReading).as("a thread is still exporting answers after the first rows reached the client")
				.isTrue();

			StringBuilder rest = new StringBuilder();
			char[] buffer = new char[1 << 16];
			for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
				rest.append(buffer, 0, n);
			}
			List<List<String>> records = CsvRows.records(rest.toString());
			assertThat(records).hasSize(BIG_ANSWERS - 1);
			Map<String, Integer> seen = new HashMap<>();
			records.forEach((record) -> seen.merge(record.get(0), 1, Integer::sum));
			assertThat(seen).hasSize(BIG_ANSWERS - 1).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
			assertThat(records.get(records.size() - 1).get(7)).startsWith("answer " + (BIG_ANSWERS - 1) + " ");
		}
	}

	private static boolean exportInProgress(StackTraceElement[] stack) {
		boolean reading = Arrays.stream(stack)
			.anyMatch((frame) -> frame.getClassName().startsWith(AnswerSearch.class.getPackageName() + ".AnswerExport")
					&& frame.getMethodName().contains("export"));
		boolean writing = Arrays.stream(stack)
			.anyMatch((frame) -> frame.getClassName().equals(TwinView.class.getName()));
		return reading && writing;
	}

}
