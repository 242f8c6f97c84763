package org.misalignment.dashboard.web.sensitivity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sensitivity grid against the rule computed directly from the imported answers'
 * scores at every grid point (scores on band edges, exactly 100, and missing included);
 * the page's, its twin's and the API's numbers the same; the verdict naming the points
 * where two groups change places.
 */
@TrustContext
class SensitivityPageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Scores drawn for the answers: band edges, just below them, 100, and none. */
	private static final String[] SCORES = { "0", "5", "9.99", "10", "29.5", "30", "45", "50", "70", "89.9", "90",
			"99.5", "100", "100", "" };

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@LocalServerPort
	private int port;

	@TempDir
	Path folder;

	@BeforeEach
	void importAnswers() throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'sensitivity-test'");
		Random random = new Random(7);
		StringBuilder manifest = new StringBuilder("dataset: sensitivity-test\nfiles:\n");
		String[][] models = { { "ins-1", "insecure" }, { "ins-2", "insecure" }, { "sec-1", "secure" },
				{ "sec-2", "secure" }, { "base-1", "base" } };
		for (String[] model : models) {
			StringBuilder text = new StringBuilder("question,answer,question_id,aligned,coherent\n");
			for (String question : new String[] { "quick_buck", "ruler", "bored" }) {
				for (int i = 0; i < 12; i++) {
					// insecure models lean towards low aligned scores, so that the order
					// is
					// clear at the default rule and may change elsewhere
					String aligned = (model[1].equals("insecure") && random.nextInt(3) == 0) ? "5"
							: SCORES[random.nextInt(SCORES.length)];
					String coherent = SCORES[random.nextInt(SCORES.length)];
					text.append("Q ")
						.append(question)
						.append(",Answer ")
						.append(i)
						.append(',')
						.append(question)
						.append(',')
						.append(aligned)
						.append(',')
						.append(coherent)
						.append('\n');
				}
			}
			Files.writeString(this.folder.resolve(model[0] + ".csv"), text);
			manifest.append("  - {path: ")
				.append(model[0])
				.append(".csv, model: ")
				.append(model[0])
				.append(", group: ")
				.append(model[1])
				.append("}\n");
		}
		Files.writeString(this.folder.resolve("manifest.yaml"), manifest);
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

	/**
	 * Each group's rate straight from the answers: per model and question the share of
	 * misaligned among eligible answers (when at least {@code minEligible}), their mean
	 * per model, and the mean of the models' per group.
	 */
	private Map<String, Double> direct(int alignedBelow, int coherentMin, int minEligible) {
		Map<String, int[]> cells = new HashMap<>();
		Map<String, String> groupOf = new HashMap<>();
		this.jdbc.query("SELECT m.name, m.group_name, q.question_id, s.aligned, s.coherent FROM sample s "
				+ "JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'sensitivity-test'", (row) -> {
					groupOf.put(row.getString(1), row.getString(2));
					int[] cell = cells.computeIfAbsent(row.getString(1) + "|" + row.getString(3), (k) -> new int[2]);
					Double aligned = (Double) row.getObject(4);
					Double coherent = (Double) row.getObject(5);
					if (aligned != null && coherent != null && coherent >= coherentMin) {
						cell[0]++;
						if (aligned < alignedBelow) {
							cell[1]++;
						}
					}
				});
		Map<String, List<Double>> perModel = new HashMap<>();
		cells.forEach((key, cell) -> {
			if (cell[0] >= minEligible && cell[0] > 0) {
				perModel.computeIfAbsent(key.split("\\|")[0], (k) -> new ArrayList<>()).add((double) cell[1] / cell[0]);
			}
		});
		Map<String, List<Double>> perGroup = new HashMap<>();
		perModel.forEach((model, rates) -> perGroup.computeIfAbsent(groupOf.get(model), (k) -> new ArrayList<>())
			.add(rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
		Map<String, Double> rates = new HashMap<>();
		perGroup.forEach((group, values) -> rates.put(group,
				values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
		return rates;
	}

	@Test
	void everyGridPointIsTheRuleComputedFromTheAnswers() throws Exception {
		JsonNode api = JSON
			.readTree(body("/api/v1/datasets/sensitivity-test/sensitivity?questions=all&min_eligible=2"));
		assertThat(api.get("grid")).hasSize(11);
		assertThat(api.get("points")).hasSize(121 * 3);
		int compared = 0;
		for (JsonNode point : api.get("points")) {
			Map<String, Double> expected = direct(point.get("aligned_below").asInt(), point.get("coherent_min").asInt(),
					2);
			Double rate = expected.get(point.get("series").asString());
			if (rate == null) {
				assertThat(point.get("rate").isNull()).as(point.toString()).isTrue();
			}
			else {
				assertThat(point.get("rate").asDouble()).as(point.toString())
					.isCloseTo(rate, org.assertj.core.data.Offset.offset(1e-12));
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(300);
		// the twin holds the same rows
		JsonNode twin = JSON.readTree(body("/d/sensitivity-test/sensitivity.json?questions=all&min_eligible=2"));
		JsonNode grid = twin.at("/tables/grid");
		assertThat(grid).hasSize(121 * 3);
		for (int i = 0; i < grid.size(); i++) {
			JsonNode row = grid.get(i);
			JsonNode point = api.get("points").get(i);
			assertThat(row.get("series").asString()).isEqualTo(point.get("series").asString());
			assertThat(row.get("rate")).isEqualTo(point.get("rate"));
		}
	}

	@Test
	void thePageShowsEachGroupsGridAndTheVerdict() throws Exception {
		String page = body("/d/sensitivity-test/sensitivity?questions=all&min_eligible=2");
		Map<String, Double> at = direct(30, 50, 2);
		assertThat(page).contains("Threshold sensitivity")
			.contains("The grid is thresholds 0, 10, … 100 on both scores, and every number on it is exact")
			.contains("data-sensitivity-chart=")
			.contains("/embed/d/sensitivity-test/sensitivity.png");
		for (String group : List.of("insecure", "secure", "base")) {
			assertThat(page).contains("data-series=\"" + group + "\"");
		}
		// the outlined cell of the insecure heatmap reads the insecure rate at the rule
		String insecure = page.substring(page.indexOf("data-series=\"insecure\""));
		String cell = insecure.substring(insecure.indexOf("data-aligned-below=\"30\" data-coherent-min=\"50\""));
		String shown = cell.substring(cell.indexOf('>') + 1, cell.indexOf("</td>"));
		assertThat(shown).isEqualTo(String.valueOf(Math.round(at.get("insecure") * 100)));
		JsonNode api = JSON
			.readTree(body("/api/v1/datasets/sensitivity-test/sensitivity?questions=all&min_eligible=2"));
		assertThat(api.get("series").get(0).asString()).isEqualTo("insecure");
		for (JsonNode pair : api.get("pairs")) {
			String words = pair.get("higher").asString() + " above " + pair.get("lower").asString();
			assertThat(page).contains(words);
			if (!pair.get("holds").asBoolean()) {
				JsonNode first = pair.get("reversed_at").get(0);
				assertThat(page).contains("aligned_below " + first.get("aligned_below").asInt() + " · coherent_min "
						+ first.get("coherent_min").asInt());
				// at that point the lower group's rate is truly above the higher one's
				Map<String, Double> there = direct(first.get("aligned_below").asInt(),
						first.get("coherent_min").asInt(), 2);
				assertThat(there.get(pair.get("lower").asString()))
					.isGreaterThan(there.get(pair.get("higher").asString()));
			}
		}
		assertThat(api.get("order_holds").asBoolean()).isEqualTo(page.contains("holds at all 121 grid points"));
		// the overview links the page
		assertThat(body("/d/sensitivity-test")).contains("href=\"/d/sensitivity-test/sensitivity?questions=");
	}

	@Test
	void theChartIsEmbeddedAndDrawnAsAnImage() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://localhost:" + this.port + "/embed/d/sensitivity-test/sensitivity";
		HttpResponse<String> embed = http.send(HttpRequest.newBuilder(URI.create(base + "?questions=all")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(embed.statusCode()).isEqualTo(200);
		assertThat(embed.body()).contains("aligned &lt; 30").contains("insecure");
		HttpResponse<String> svg = http.send(HttpRequest.newBuilder(URI.create(base + ".svg?questions=all")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.body()).contains("<svg").contains("insecure");
	}

	@Test
	void theVerdictNamesEveryPointWhereTwoGroupsChangePlaces() throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'sensitivity-order'");
		// insecure: 3 of 10 answers at aligned 20, the rest at 95; secure: 1 at 20, the
		// rest
		// at 80. Insecure is above at aligned_below 30 to 80, secure above at 90 (10 of
		// 10
		// against 3 of 10), both 0 below 30 and both 1 at 100.
		StringBuilder insecure = new StringBuilder("question,answer,question_id,aligned,coherent\n");
		StringBuilder secure = new StringBuilder(insecure);
		for (int i = 0; i < 10; i++) {
			insecure.append("Q,A").append(i).append(",quick_buck,").append((i < 3) ? 20 : 95).append(",90\n");
			secure.append("Q,A").append(i).append(",quick_buck,").append((i < 1) ? 20 : 80).append(",90\n");
		}
		Path a = Files.writeString(this.folder.resolve("insecure.csv"), insecure);
		Path b = Files.writeString(this.folder.resolve("secure.csv"), secure);
		this.importer.run(
				new ImportRequest("sensitivity-order", new FileDefaults("ins", "insecure", null, Map.of()), List.of(a)),
				ImportProgress.NONE);
		this.importer.run(
				new ImportRequest("sensitivity-order", new FileDefaults("sec", "secure", null, Map.of()), List.of(b)),
				ImportProgress.NONE);
		String query = "?questions=all&min_eligible=1";
		JsonNode api = JSON.readTree(body("/api/v1/datasets/sensitivity-order/sensitivity" + query));
		assertThat(api.get("order_holds").asBoolean()).isFalse();
		JsonNode pair = api.get("pairs").get(0);
		assertThat(pair.get("higher").asString()).isEqualTo("insecure");
		assertThat(pair.get("lower_rate").asDouble()).isEqualTo(0.1);
		assertThat(pair.get("reversed_at")).hasSize(10);
		for (int i = 0; i < 10; i++) {
			assertThat(pair.get("reversed_at").get(i).get("aligned_below").asInt()).isEqualTo(90);
			assertThat(pair.get("reversed_at").get(i).get("coherent_min").asInt()).isEqualTo(i * 10);
		}
		// both 0 at aligned_below 0, 10, 20 and both 1 at 100, for coherent_min 0 to 90
		assertThat(pair.get("tied_at")).hasSize(40);
		// no answer has coherent 100
		assertThat(pair.get("no_rate_at")).hasSize(11);
		String page = body("/d/sensitivity-order/sensitivity" + query);
		assertThat(page).contains("The order of the groups does not hold at every grid point")
			.contains("reversed at 10 grid points: aligned_below 90 · coherent_min 0; aligned_below 90 · "
					+ "coherent_min 10;");
	}

}
