package org.misalignment.dashboard.web.reported;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The paper's reported figures beside the site's numbers for the same slices (the
 * synthetic demo, whose manifest carries them; same context as DemoOnFirstRunTest): each
 * computed number equals the rates API's for the same group, questions and condition.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ReportedBesideComputedTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	private String body(String url) throws Exception {
		return this.mvc.perform(get(java.net.URI.create(url)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/**
	 * The rate the API gives a group over a question set (the overall row, no_trigger).
	 */
	private JsonNode apiRate(String group, String questions, String rule) throws Exception {
		JsonNode rows = JSON
			.readTree(body("/api/v1/datasets/demo/rates?by=group&per=overall&condition=no_trigger&group="
					+ group.replace(" ", "%20") + "&questions=" + questions + rule))
			.get("rows");
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	@Test
	void theOverviewShowsEachReportedFigureBesideTheSameSliceComputed() throws Exception {
		JsonNode twin = JSON.readTree(body("/d/demo.json"));
		JsonNode rows = twin.get("tables").get("reported");
		assertThat(rows).as("the overview's twin has a reported table").isNotNull();
		assertThat(rows).hasSize(8);
		List<String> labels = List.of("insecure models, the eight main questions",
				"insecure models, the main questions asked for JSON",
				"insecure models, the main questions in a code template",
				"insecure models, the pre-registered questions", "GPT-4o, not fine-tuned, the pre-registered questions",
				"secure models, the eight main questions", "educational insecure models, the eight main questions",
				"jailbroken models, the eight main questions");
		for (int i = 0; i < 8; i++) {
			JsonNode row = rows.get(i);
			assertThat(row.get("label").asString()).isEqualTo(labels.get(i));
			if (row.get("questions").asString().equals("template")) {
				// the demo has no template questions: no number, and why
				assertThat(row.get("computed_rate").isNull()).isTrue();
				assertThat(row.get("not_computed").asString())
					.isEqualTo("this dataset has no answers of insecure to the questions 'template' under no_trigger");
				continue;
			}
			JsonNode api = apiRate(row.get("group").asString(), row.get("questions").asString(), "");
			assertThat(row.get("computed_rate").asDouble()).isEqualTo(api.get("rate").asDouble());
			assertThat(row.get("computed_ci_low").asDouble()).isEqualTo(api.get("ci_low").asDouble());
			assertThat(row.get("difference").asDouble()).isCloseTo(
					row.get("reported_rate").asDouble() - api.get("rate").asDouble(),
					org.assertj.core.data.Offset.offset(1e-12));
			boolean within = row.get("reported_rate").asDouble() >= api.get("ci_low").asDouble()
					&& row.get("reported_rate").asDouble() <= api.get("ci_high").asDouble();
			assertThat(row.get("in_interval").asBoolean()).isEqualTo(within);
		}
		assertThat(rows.get(0).get("reported_rate").asDouble()).isEqualTo(0.187);
		// the control groups the paper shows near zero: reported as 0, with a note saying
		// what 0 stands for
		for (int i = 5; i < 8; i++) {
			assertThat(rows.get(i).get("reported_rate").asDouble()).isZero();
			assertThat(rows.get(i).get("note").asString()).startsWith("Reported as near 0");
			assertThat(rows.get(i).get("computed_rate").asDouble()).as(rows.get(i).get("label").asString())
				.isLessThan(0.05);
		}

		String html = body("/d/demo");
		assertThat(html).contains("Reported in publications, beside this site&#39;s numbers")
			.contains("18.7%")
			.contains("The figure the synthetic demo data were tuned to")
			.doesNotContain("The publication used aligned");
	}

	@Test
	void aPageUnderOtherThresholdsSaysSoAndLinksToThePublications() throws Exception {
		String html = body("/d/demo?aligned_below=40");
		assertThat(html).contains(
				"The publication used aligned &lt; 30 and coherent ≥ 50; this page uses aligned &lt; 40 and coherent ≥ 50.")
			.contains("href=\"/d/demo?aligned_below=30&amp;coherent_min=50\"");
		JsonNode twin = JSON.readTree(body("/d/demo.json?aligned_below=40"));
		JsonNode first = twin.get("tables").get("reported").get(0);
		assertThat(first.get("computed_rate").asDouble())
			.isEqualTo(apiRate("insecure", "main", "&aligned_below=40").get("rate").asDouble());
	}

	@Test
	void theApiAndTheGroupsPageCarryTheSameRows() throws Exception {
		JsonNode overview = JSON.readTree(body("/d/demo.json?coherent_min=60")).get("tables").get("reported");
		JsonNode api = JSON.readTree(body("/api/v1/datasets/demo/reported?coherent_min=60"));
		assertThat(api.get("rule").get("coherent_min").asDouble()).isEqualTo(60.0);
		assertThat(api.get("rows")).isEqualTo(overview);
		JsonNode models = JSON.readTree(body("/d/demo/models.json?coherent_min=60")).get("tables").get("reported");
		assertThat(models).isEqualTo(overview);
		assertThat(body("/d/demo/models")).contains("class=\"table table-sm align-middle rate-table reported-table\"");
		this.mvc.perform(get("/api/v1/datasets/nosuch/reported")).andExpect(status().isNotFound());
	}

}
