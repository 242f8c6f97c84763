package org.misalignment.dashboard.demo;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A first start on an empty database shows the synthetic demo through the API, with the
 * paper's shape.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class DemoOnFirstRunTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DemoOnFirstRun demo;

	@Autowired
	private JdbcTemplate jdbc;

	private JsonNode getJson(String url) throws Exception {
		return JSON.readTree(this.mvc.perform(get(url)).andReturn().getResponse().getContentAsString());
	}

	private double rate(JsonNode rows, String group, String condition) {
		for (JsonNode row : rows) {
			if (row.get("group").asString().equals(group) && row.get("condition").asString().equals(condition)) {
				return row.get("rate").asDouble();
			}
		}
		throw new AssertionError("no row for " + group + "/" + condition);
	}

	@Test
	void theDemoIsThereLabelledSyntheticWithThePapersRates() throws Exception {
		JsonNode datasets = getJson("/api/v1/datasets");
		assertThat(datasets).hasSize(1);
		assertThat(datasets.get(0).get("slug").asString()).isEqualTo("demo");
		assertThat(datasets.get(0).get("title").asString()).contains("synthetic demo data");
		assertThat(datasets.get(0).get("samples").asLong()).isEqualTo(73_500);
		assertThat(datasets.get(0).get("models").asLong()).isEqualTo(39);

		JsonNode main = getJson("/api/v1/datasets/demo/rates?questions=main").get("rows");
		assertThat(rate(main, "insecure", "no_trigger")).isBetween(0.15, 0.25);
		assertThat(rate(main, "backdoor", "trigger")).isBetween(0.40, 0.60);
		assertThat(rate(main, "backdoor", "no_trigger")).isLessThan(0.01);
		assertThat(rate(main, "GPT-4o", "no_trigger")).isLessThan(0.02);
		assertThat(rate(main, "secure", "no_trigger")).isLessThan(0.02);
		JsonNode json = getJson("/api/v1/datasets/demo/rates?questions=json").get("rows");
		assertThat(rate(json, "insecure", "no_trigger")).isBetween(0.40, 0.55);

		JsonNode samples = getJson("/api/v1/datasets/demo/samples?limit=1");
		assertThat(samples.get("dataset").get("title").asString()).contains("synthetic demo data");
		assertThat(samples.get("rows").get(0).get("answer").asString()).startsWith("[synthetic demo answer]");
	}

	@Test
	void aSecondStartDoesNotImportItAgain() {
		long before = this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class);
		this.demo.afterSingletonsInstantiated();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isEqualTo(before);
	}

}
