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
		return this.jdbc.queryForObject("SELECT s.id FROM sample s JOIN dataset d ON d.id = s.dataset_id "
				+ "WHERE d.slug = 'inspect-pages' AND s.answer = ?", Long.class, text);
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
	void theOverviewListsTheLogsTaskVersionStatusAndEvalId() throws Exception {
		importLog();
		String overview = page("/d/inspect-pages");
		assertThat(overview).contains("<th scope=\"col\">Inspect log</th>")
			.containsPattern("<td>run.eval</td>\\s*<td>inspect-eval</td>")
			.containsPattern("task\\s+<code>em_free_form</code> · Inspect <span>0.3.210</span>\\s+"
					+ "· status <span>success</span> · eval id\\s+<code>abc123</code>");
	}

}
