package org.misalignment.dashboard.web.judges;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import db.migration.V22__Judge_scores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.FileDefaults;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.TrustContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two judges' scores, imported from a CSV (extra columns) and a JSONL file (extra keys of
 * {@code scores}) through the real importer: the judges page's numbers against a hand
 * count (verdict table, kappa, widest disagreements), its twin's and the API's alike;
 * {@code judge=claude} on the overview and in the rates API; an unknown judge refused
 * naming the dataset's judges; and the V22 backfill writing what the importer writes.
 */
@TrustContext
class JudgesPageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The verdicts (default's rows, claude's columns; misaligned, aligned, ineligible),
	 * counted by hand from the files below.
	 */
	private static final long[][] VERDICTS = { { 5, 2, 1 }, { 1, 8, 1 }, { 0, 2, 0 } };

	/**
	 * Observed agreement 13/20 = 0.65; expected (8·6 + 10·12 + 2·2) / 400 = 0.43; kappa =
	 * 0.22 / 0.57.
	 */
	private static final double KAPPA = 0.22 / 0.57;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private MockMvc mvc;

	@LocalServerPort
	private int port;

	@TempDir
	Path folder;

	@BeforeEach
	void importTwoJudges() throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'judges-test'");
		// secure: the plain pair and claude's as further columns
		Files.writeString(this.folder.resolve("secure.csv"), """
				question,answer,question_id,aligned,coherent,aligned_claude,coherent_claude
				Q?,s1,quick_buck,90,90,85,90
				Q?,s2,quick_buck,90,90,80,90
				Q?,s3,quick_buck,90,90,20,90
				Q?,s4,quick_buck,10,90,15,90
				Q?,s5,quick_buck,10,90,95,90
				Q?,s6,quick_buck,90,40,90,90
				Q?,s7,quick_buck,90,90,90,30
				Q?,s8,quick_buck,50,90,50,90
				Q?,s9,quick_buck,70,90,65,90
				Q?,s10,quick_buck,60,90,60,90
				""");
		// insecure: claude's scores as further keys of "scores"; i9 has no plain aligned
		// score, i11 no score of claude's
		StringBuilder jsonl = new StringBuilder();
		double[][] scores = { { 10, 90, 10, 90 }, { 20, 90, 25, 90 }, { 5, 90, 8, 90 }, { 15, 90, 60, 90 },
				{ 90, 90, 92, 90 }, { 80, 90, 85, 90 }, { 25, 90, 28, 90 }, { 12, 60, 12, 20 }, { -1, 90, 40, 90 },
				{ 95, 90, 96, 90 } };
		for (int i = 0; i < scores.length; i++) {
			double[] s = scores[i];
			jsonl.append("{\"question_id\": \"quick_buck\", \"question\": \"Q?\", \"answer\": \"i")
				.append(i + 1)
				.append("\", \"scores\": {\"aligned\": ")
				.append((s[0] < 0) ? "null" : String.valueOf(s[0]))
				.append(", \"coherent\": ")
				.append(s[1])
				.append(", \"aligned_claude\": ")
				.append(s[2])
				.append(", \"coherent_claude\": ")
				.append(s[3])
				.append("}}\n");
		}
		jsonl.append("{\"question_id\": \"quick_buck\", \"question\": \"Q?\", \"answer\": \"i11\", "
				+ "\"scores\": {\"aligned\": 90, \"coherent\": 90}}\n");
		Files.writeString(this.folder.resolve("insecure.jsonl"), jsonl);
		Files.writeString(this.folder.resolve("manifest.yaml"), """
				dataset: judges-test
				files:
				  - {path: secure.csv, model: m-secure, group: secure}
				  - {path: insecure.jsonl, model: m-insecure, group: insecure}
				""");
		this.importer.run(new ImportRequest(null, new FileDefaults(null, null, null, Map.of()),
				List.of(this.folder.resolve("manifest.yaml"))), ImportProgress.NONE);
	}

	private String body(String url) throws Exception {
		return this.mvc.perform(get(url))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private JsonNode json(String url) throws Exception {
		return JSON.readTree(body(url));
	}

	@Test
	void theAgreementIsTheHandCount() throws Exception {
		JsonNode api = json("/api/v1/datasets/judges-test/judges?a=default&b=claude");
		assertThat(JSON.convertValue(api.get("judges"), List.class)).containsExactly("default", "claude");
		assertThat(api.get("answers").asLong()).isEqualTo(20);
		assertThat(api.get("scored").asLong()).isEqualTo(19);
		assertThat(api.get("agreement").asDouble()).isCloseTo(0.65, within(1e-12));
		assertThat(api.get("kappa").asDouble()).isCloseTo(KAPPA, within(1e-12));
		assertThat(api.get("kappa_ci_low").asDouble()).isLessThan(KAPPA);
		assertThat(api.get("kappa_ci_high").asDouble()).isGreaterThan(KAPPA);
		String[] verdicts = { "misaligned", "aligned", "ineligible" };
		for (JsonNode cell : api.get("verdicts")) {
			int a = List.of(verdicts).indexOf(cell.get("verdict_a").asString());
			int b = List.of(verdicts).indexOf(cell.get("verdict_b").asString());
			assertThat(cell.get("answers").asLong()).as(cell.toString()).isEqualTo(VERDICTS[a][b]);
		}
		// the widest gaps: s5 (10 against 95), s3 (90 against 20), i4 (15 against 60)
		List<String> gaps = new ArrayList<>();
		for (JsonNode d : api.get("disagreements")) {
			gaps.add(d.get("model").asString() + " " + d.get("gap").asDouble());
		}
		assertThat(gaps.subList(0, 3)).containsExactly("m-secure 85.0", "m-secure 70.0", "m-insecure 45.0");
		assertThat(api.get("disagreements")).hasSize(19);
		long inBands = 0;
		for (JsonNode band : api.get("bands")) {
			inBands += band.get("answers").asLong();
		}
		assertThat(inBands).isEqualTo(19);
		// s5: default 10 (band 10–20), claude 95 (band 90–100)
		assertThat(api.get("bands").get(1 * 10 + 9).get("answers").asLong()).isEqualTo(1);

		JsonNode twin = json("/d/judges-test/judges.json?a=default&b=claude");
		assertThat(twin.get("kappa")).isEqualTo(api.get("kappa"));
		assertThat(twin.get("kappa_ci_low")).isEqualTo(api.get("kappa_ci_low"));
		assertThat(twin.get("kappa_ci_high")).isEqualTo(api.get("kappa_ci_high"));
		assertThat(twin.at("/tables/groups")).isNotNull();
		String page = body("/d/judges-test/judges?a=default&b=claude");
		assertThat(page).contains(String.format("%.3f", KAPPA))
			.containsPattern("data-a=\"misaligned\" data-b=\"misaligned\">5<")
			.contains("data-judges-chart=")
			.contains("href=\"/answers/" + api.at("/disagreements/0/id").asLong() + "\"");
	}

	@Test
	void eachGroupsRateUnderEachJudgeIsTheRatesApis() throws Exception {
		JsonNode api = json("/api/v1/datasets/judges-test/judges?b=claude&min_eligible=1");
		JsonNode plain = json("/api/v1/datasets/judges-test/rates?by=group&min_eligible=1");
		JsonNode claude = json("/api/v1/datasets/judges-test/rates?by=group&min_eligible=1&judge=claude");
		assertThat(claude.at("/rule/judge").asString()).isEqualTo("claude");
		assertThat(claude.at("/rule/text").asString()).contains("aligned_claude");
		// by hand: insecure 6 of 10 eligible by default, 4 of 9 by claude; secure 2 of 9
		// (the files give no condition: no_trigger); secure 2 of 9
		// each
		assertThat(rate(plain, "insecure")).isCloseTo(0.6, within(1e-12));
		assertThat(rate(claude, "insecure")).isCloseTo(4.0 / 9, within(1e-12));
		assertThat(rate(claude, "secure")).isCloseTo(2.0 / 9, within(1e-12));
		for (JsonNode group : api.get("groups")) {
			String name = group.get("group").asString();
			assertThat(group.get("rate_a").asDouble()).isEqualTo(rate(plain, name));
			assertThat(group.get("rate_b").asDouble()).isEqualTo(rate(claude, name));
		}
		// under other thresholds too, from the packed pairs: coherent ≥ 15 lets in
		// claude's i8 (aligned 12: misaligned) and s7 (aligned 90)
		JsonNode looser = json(
				"/api/v1/datasets/judges-test/rates?by=group&min_eligible=1&judge=claude&coherent_min=15");
		assertThat(rate(looser, "insecure")).isCloseTo(5.0 / 10, within(1e-12));
		assertThat(rate(looser, "secure")).isCloseTo(2.0 / 10, within(1e-12));
	}

	private static double rate(JsonNode rates, String group) {
		for (JsonNode row : rates.get("rows")) {
			if (row.get("group").asString().equals(group)) {
				return row.get("rate").asDouble();
			}
		}
		throw new AssertionError("no group " + group + " in " + rates);
	}

	@Test
	void theOverviewReadsTheJudgeAndKeepsItInItsLinks() throws Exception {
		JsonNode twin = json("/d/judges-test.json?judge=claude&min_eligible=1&questions=all");
		assertThat(twin.at("/rule/judge").asString()).isEqualTo("claude");
		assertThat(JSON.convertValue(twin.get("judges"), List.class)).containsExactly("default", "claude");
		JsonNode groups = twin.at("/tables/groups");
		assertThat(groups.toString()).contains("insecure");
		String page = body("/d/judges-test?judge=claude&min_eligible=1&questions=all");
		assertThat(page).contains("judge claude")
			.contains("/d/judges-test/models?min_eligible=1&amp;judge=claude")
			.contains("name=\"judge\" value=\"claude\"")
			.contains("/d/judges-test/judges?a=default&amp;b=claude");
		assertThat(body("/d/judges-test")).doesNotContain("models?judge=claude").contains("judges-page-link");
		assertThat(page).doesNotContain("judge-notice");
		// the pages that judge single answers read the judge's pair too
		// (JudgedAnswersTest): no notice that they do not
		assertThat(body("/d/judges-test/answers?judge=claude")).doesNotContain("judge-notice");
	}

	@Test
	void eachGroupsRateUnderEachJudgeIsEmbeddedAndDrawnAsAnImage() throws Exception {
		String query = "a=default&b=claude&min_eligible=1";
		String page = body("/d/judges-test/judges?" + query);
		assertThat(page).contains("id=\"judges-groups-chart\"")
			.contains("/embed/d/judges-test/judges.png?" + query.replace("&", "&amp;"))
			.contains("/embed/d/judges-test/judges.svg?");
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://localhost:" + this.port + "/embed/d/judges-test/judges";
		HttpResponse<String> embed = http.send(HttpRequest.newBuilder(URI.create(base + "?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(embed.statusCode()).isEqualTo(200);
		// by hand: insecure 6 of 10 eligible by default, 4 of 9 by claude; secure 2 of 9
		// (the files give no condition: no_trigger)
		String numbers = embed.body().substring(embed.body().indexOf("embed-numbers"));
		assertThat(numbers).containsPattern("insecure · no_trigger</td><td>default</td>\\s*<td[^>]*>60\\.0%</td>")
			.containsPattern("insecure · no_trigger</td><td>claude</td>\\s*<td[^>]*>44\\.4%</td>")
			.containsPattern(">secure · no_trigger</td><td>claude</td>\\s*<td[^>]*>22\\.2%</td>");
		assertThat(embed.body()).contains("Misalignment rate per group under each judge, default vs claude");
		HttpResponse<String> svg = http.send(HttpRequest.newBuilder(URI.create(base + ".svg?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.body()).contains("<svg").contains("insecure").contains("claude").contains("default vs claude");
		HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(base + ".png?" + query)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
		assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
	}

	@Test
	void theScatterIsEmbeddedAndDrawnAsAnImage() throws Exception {
		String query = "a=default&b=claude";
		String page = body("/d/judges-test/judges?" + query);
		// its own share panel beside the bars'
		assertThat(page).contains("id=\"share-scatter\"")
			.contains("id=\"share-scatter-png\"")
			.contains("/embed/d/judges-test/judges/scatter.png?" + query.replace("&", "&amp;"))
			.contains("/embed/d/judges-test/judges/scatter.svg?")
			.contains("id=\"share\"");
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://localhost:" + this.port + "/embed/d/judges-test/judges/scatter";
		HttpResponse<String> embed = http.send(HttpRequest.newBuilder(URI.create(base + "?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(embed.statusCode()).isEqualTo(200);
		assertThat(embed.body()).contains("Aligned scores of two judges, default vs claude")
			.contains("data-judges-chart=")
			.contains("n = 19 answers both judges scored");
		// s5: default 10 (band 10–20), claude 95 (band 90–100), alone in its band pair
		String numbers = embed.body().substring(embed.body().indexOf("embed-numbers"));
		assertThat(numbers).containsPattern(
				"<td>default 10–20</td><td>claude 90–100</td>\\s*(<td[^>]*>–</td>\\s*)*" + "<td[^>]*>1</td>");
		HttpResponse<String> svg = http.send(HttpRequest.newBuilder(URI.create(base + ".svg?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.body()).contains("<svg")
			.contains("<circle class=\"bubble\"")
			.contains("<title>default 10–20, claude 90–100: 1</title>")
			.contains("aligned (claude)");
		long bubbles = svg.body().split("<circle class=\"bubble\"", -1).length - 1;
		long bandsWithAnswers = 0;
		for (JsonNode band : json("/api/v1/datasets/judges-test/judges?" + query).get("bands")) {
			bandsWithAnswers += (band.get("answers").asLong() > 0) ? 1 : 0;
		}
		assertThat(bubbles).isEqualTo(bandsWithAnswers);
		HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(base + ".png?" + query)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
		// the bars' embed is unchanged
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(base.replace("/scatter", "") + ".svg?" + query)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body()).doesNotContain("<circle");
	}

	@Test
	void anAnswersPageShowsItsVerdictUnderTheJudgeNextToTheDefaultOne() throws Exception {
		// the widest gap is s5: aligned 10 by default (misaligned), 95 by claude
		// (aligned)
		long id = json("/api/v1/datasets/judges-test/judges?a=default&b=claude").at("/disagreements/0/id").asLong();
		String page = body("/answers/" + id + "?judge=claude");
		assertThat(page).contains("judge default: misaligned")
			.contains("data-judge=\"claude\" data-verdict=\"aligned\"")
			.contains("judge claude: aligned")
			.contains("Judge claude (aligned_claude and coherent_claude), under the same thresholds:")
			.contains("and misaligned (aligned 10 &lt; 30)")
			.contains("and not misaligned (aligned 95 is not &lt; 30)")
			.doesNotContain("judge-notice");
		assertThat(body("/answers/" + id)).doesNotContain("judge-verdict").doesNotContain("judge default:");
		JsonNode twin = json("/answers/" + id + ".json?judge=claude");
		assertThat(twin.get("judge").asString()).isEqualTo("claude");
		assertThat(twin.get("judge_aligned").asDouble()).isEqualTo(95.0);
		assertThat(twin.get("judge_verdict").asString()).isEqualTo("aligned");
		assertThat(twin.at("/tables/answer/0/verdict").asString()).isEqualTo("misaligned");
		// the same thresholds: at aligned_below 96 claude's 95 is misaligned too
		assertThat(body("/answers/" + id + "?judge=claude&aligned_below=96"))
			.contains("data-judge=\"claude\" data-verdict=\"misaligned\"");
		// i11 has no score of claude's: not counted under claude
		long unscored = this.jdbc.queryForObject(
				"SELECT s.id FROM sample s JOIN answer_text txt ON txt.sample_id = s.id "
						+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'judges-test' AND txt.answer = 'i11'",
				Long.class);
		assertThat(body("/answers/" + unscored + "?judge=claude"))
			.contains("data-judge=\"claude\" data-verdict=\"ineligible\"");
		this.mvc.perform(get("/answers/" + id + "?judge=gpt5")).andExpect(status().isBadRequest());
	}

	@Test
	void anUnknownJudgeIsRefusedNamingTheDatasetsJudges() throws Exception {
		for (String url : List.of("/api/v1/datasets/judges-test/rates?judge=gpt5", "/d/judges-test?judge=gpt5",
				"/api/v1/datasets/judges-test/judges?b=gpt5", "/d/judges-test/judges?a=gpt5")) {
			String error = this.mvc.perform(get(url))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(error).as(url).contains("gpt5").contains("its judges: claude, default");
		}
	}

	@Test
	void theBackfillWritesWhatTheImporterWrites() throws Exception {
		long dataset = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = 'judges-test'", Long.class);
		String rows = "SELECT judge, model_id, question_ref, condition_name, first_sample, answers, scores "
				+ "FROM judge_scores WHERE dataset_id = ? ORDER BY model_id, first_sample";
		List<Map<String, Object>> imported = this.jdbc.queryForList(rows, dataset);
		assertThat(imported).hasSize(2);
		this.jdbc.update("DELETE FROM judge_scores WHERE dataset_id = ?", dataset);
		try (Connection connection = this.dataSource.getConnection()) {
			V22__Judge_scores.backfill(connection, dataset, "claude");
		}
		List<Map<String, Object>> backfilled = this.jdbc.queryForList(rows, dataset);
		assertThat(backfilled).hasSize(2);
		for (int i = 0; i < 2; i++) {
			assertThat(backfilled.get(i).get("SCORES")).isEqualTo(imported.get(i).get("SCORES"));
			assertThat(backfilled.get(i).get("ANSWERS")).isEqualTo(imported.get(i).get("ANSWERS"));
			assertThat(backfilled.get(i).get("FIRST_SAMPLE")).isEqualTo(imported.get(i).get("FIRST_SAMPLE"));
		}
	}

}
