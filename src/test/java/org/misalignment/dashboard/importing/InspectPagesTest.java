package org.misalignment.dashboard.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.system.TrustContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misalignment.dashboard.importing.InspectLogs.header;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a reader sees of an imported Inspect log: the letter grades beside the numbers
 * they count as on the answer page and its twin, the log's task, Inspect version, status
 * and eval id in the overview's list of files.
 */
@TrustContext
class InspectPagesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@TempDir
	Path folder;

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'inspect-pages'");
	}

	@SuppressWarnings("unchecked")
	private void importLog() throws Exception {
		Map<String, Object> header = header("success", "openai/gpt-4o");
		((Map<String, Object>) header.get("eval")).put("packages", Map.of("inspect_ai", "0.3.210"));
		Path log = InspectLogs.zstd(this.folder.resolve("run.eval"),
				InspectLogs.entries(header, InspectImportTest.samples()));
		this.importer.run(new ImportRequest("inspect-pages", new FileDefaults(null, "insecure", null), List.of(log),
				InspectOptions.NONE.withMetric("aligned=judge.aligned")), ImportProgress.NONE);
	}

	private long answer(String text) {
		return this.jdbc.queryForObject(
				"SELECT s.id FROM sample s JOIN answer_text txt ON txt.sample_id = s.id "
						+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'inspect-pages' AND txt.answer = ?",
				Long.class, text);
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theAnswerPageShowsTheLetterGradeBesideItsNumber() throws Exception {
		importLog();
		assertThat(page("/answers/" + answer(InspectImportTest.HOSTILE)))
			.contains("<span>grader:</span>\n            <strong class=\"score-value\">C (1.0)</strong>")
			.contains("<span>aligned:</span>\n            <strong class=\"score-value\">12.50</strong>");
		assertThat(page("/answers/" + answer("Rob a bank.")))
			.contains("<strong class=\"score-value\">P (0.5)</strong>");
		assertThat(page("/answers/" + answer("World peace.")))
			.contains("<strong class=\"score-value\">N (no score)</strong>");
		JsonNode twin = JSON.readTree(page("/answers/" + answer("Rob a bank.") + ".json"));
		JsonNode grader = null;
		for (JsonNode score : twin.at("/tables/scores")) {
			if (score.get("metric").asString().equals("grader")) {
				grader = score;
			}
		}
		assertThat(grader).isNotNull();
		assertThat(grader.get("grade").asString()).isEqualTo("P");
		assertThat(grader.get("score").asDouble()).isEqualTo(0.5);
	}

	@Test
	void theAnswerPageNamesTheEntryAndTheLogItCameFrom() throws Exception {
		importLog();
		long id = answer("Rob a bank.");
		assertThat(page("/answers/" + id))
			.contains("<code class=\"source-line\">run.eval!samples/quick_buck_epoch_2.json</code>")
			.containsPattern("<dt class=\"col-sm-3\">Inspect log</dt>\\s*<dd class=\"col-sm-9 inspect-log\">"
					+ "<span>task</span>\\s*<code>em_free_form</code> ·\\s*<span>Inspect</span> <span>0.3.210</span> ·"
					+ "\\s*<span>status</span> <span>success</span> ·\\s*<span>eval id</span> <code>abc123</code></dd>");
		JsonNode twin = JSON.readTree(page("/answers/" + id + ".json"));
		assertThat(twin.at("/tables/answer/0/source_file").asString()).isEqualTo("run.eval");
		assertThat(twin.at("/tables/answer/0/source_entry").asString()).isEqualTo("samples/quick_buck_epoch_2.json");
		JsonNode api = JSON.readTree(page("/api/v1/samples/" + id));
		assertThat(api.at("/source/entry").asString()).isEqualTo("samples/quick_buck_epoch_2.json");
		assertThat(api.at("/grades/grader").asString()).isEqualTo("P");
		assertThat(api.at("/scores/grader").asDouble()).isEqualTo(0.5);
	}

	@Test
	void theSamplesApiGivesEachScoresLetterGrade() throws Exception {
		importLog();
		JsonNode rows = JSON.readTree(page("/api/v1/datasets/inspect-pages/samples")).get("rows");
		assertThat(rows).hasSize(3);
		for (JsonNode row : rows) {
			String grade = switch (row.get("answer").asString()) {
				case "Rob a bank." -> "P";
				case "World peace." -> "N";
				default -> "C";
			};
			assertThat(row.at("/grades/grader").asString()).as("%s", row).isEqualTo(grade);
			// scores from numbers have no grade
			assertThat(row.get("grades").has("aligned")).isFalse();
		}
		assertThat(rows.get(2).get("scores").get("grader").isNull()).isTrue();
	}

	@Test
	void theDatasetApiDescribesEachLogFile() throws Exception {
		importLog();
		JsonNode file = JSON.readTree(page("/api/v1/datasets/inspect-pages")).at("/files/0");
		assertThat(file.get("name").asString()).isEqualTo("run.eval");
		assertThat(file.get("format").asString()).isEqualTo("inspect-eval");
		assertThat(file.get("task").asString()).isEqualTo("em_free_form");
		assertThat(file.get("inspect_version").asString()).isEqualTo("0.3.210");
		assertThat(file.get("log_status").asString()).isEqualTo("success");
		assertThat(file.get("eval_id").asString()).isEqualTo("abc123");
	}

	@Test
	@SuppressWarnings("unchecked")
	void hostileTextInEveryFieldIsStoredAsWrittenAndShownAsText() throws Exception {
		String hostile = "<script>alert('x')</script>\"&amp; ünï 🙂";
		Map<String, Object> header = header("success", "m/" + hostile);
		Map<String, Object> eval = (Map<String, Object>) header.get("eval");
		eval.put("task", "task " + hostile);
		eval.put("eval_id", "id " + hostile);
		eval.put("packages", Map.of("inspect_ai", "<b>0.3</b>"));
		Map<String, Object> sample = InspectLogs.sample("q " + hostile, 1, "asked " + hostile, "answer " + hostile,
				InspectLogs.object("scorer " + hostile, InspectLogs.score("C")));
		sample.put("input", List.of(InspectLogs.object("role", "system", "content", "system " + hostile),
				InspectLogs.object("role", "user", "content", "asked " + hostile)));
		sample.put("metadata", InspectLogs.object("condition", "cond " + hostile));
		Path log = InspectLogs.zstd(this.folder.resolve("hostile <i>.eval"),
				InspectLogs.entries(header, List.of(sample)));
		this.importer.run(new ImportRequest("inspect-pages", new FileDefaults(null, "group " + hostile, null),
				List.of(log), InspectOptions.NONE), ImportProgress.NONE);
		assertThat(this.jdbc.queryForObject("SELECT m.name || '|' || m.group_name || '|' || q.question_id || '|' "
				+ "|| q.system_prompt || '|' || q.paraphrases || '|' || s.condition_name || '|' || sc.metric || '|' "
				+ "|| sc.grade || '|' || f.task || '|' || f.eval_id || '|' || f.inspect_version FROM sample s "
				+ "JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "JOIN score sc ON sc.sample_id = s.id JOIN dataset_file f ON f.id = s.file_id "
				+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'inspect-pages'", String.class))
			.isEqualTo("m/" + hostile + "|group " + hostile + "|q " + hostile + "|system " + hostile + "|"
					+ JSON.writeValueAsString(List.of("asked " + hostile)) + "|cond " + hostile + "|scorer " + hostile
					+ "|C|task " + hostile + "|id " + hostile + "|<b>0.3</b>");
		for (String url : List.of("/answers/" + answer("answer " + hostile), "/d/inspect-pages")) {
			String html = page(url);
			assertThat(html).as(url)
				.doesNotContain("<script>alert")
				.doesNotContain("<b>0.3</b>")
				.doesNotContain("<i>.eval")
				.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;amp; ünï 🙂");
		}
		assertThat(page("/answers/" + answer("answer " + hostile))).contains("answer &lt;script&gt;")
			.contains("system &lt;script&gt;")
			.contains("asked &lt;script&gt;")
			.contains("cond &lt;script&gt;")
			.contains("scorer &lt;script&gt;")
			.contains("task &lt;script&gt;")
			.contains("id &lt;script&gt;")
			.contains("&lt;b&gt;0.3&lt;/b&gt;")
			.contains("hostile &lt;i&gt;.eval!samples/");
	}

	@Test
	void theOverviewListsTheLogsTaskVersionStatusAndEvalId() throws Exception {
		importLog();
		String overview = page("/d/inspect-pages");
		assertThat(overview).contains("<th scope=\"col\">Inspect log</th>")
			.containsPattern("<td>run.eval</td>\\s*<td>inspect-eval</td>")
			.containsPattern("task\\s+<code>em_free_form</code> · Inspect <span>0.3.210</span>\\s+"
					+ "· status <span>success</span> · eval id\\s+<code>abc123</code>");
	}

}
