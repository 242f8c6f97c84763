package org.misalignment.dashboard.web.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The compare API on the synthetic demo (same context as DemoOnFirstRunTest, so the demo
 * is imported once).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class CompareApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	private JsonNode getJson(String url) throws Exception {
		return JSON.readTree(
				this.mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void triggerComparisonIsPairedAndItsGapExcludesZero() throws Exception {
		JsonNode body = getJson("/api/v1/datasets/demo/compare?a=group:backdoor;condition:no_trigger"
				+ "&b=group:backdoor;condition:trigger&questions=main");
		assertThat(body.get("paired").asBoolean()).isTrue();
		assertThat(body.get("rows")).hasSize(8);
		JsonNode overall = body.get("overall");
		assertThat(overall.get("models_a").asInt()).isEqualTo(10);
		assertThat(overall.get("rate_a").asDouble()).isLessThan(0.01);
		assertThat(overall.get("rate_b").asDouble()).isBetween(0.4, 0.6);
		assertThat(overall.get("diff").asDouble())
			.isCloseTo(overall.get("rate_b").asDouble() - overall.get("rate_a").asDouble(), within(1e-12));
		assertThat(overall.get("diff_ci_low").asDouble()).isGreaterThan(0);
		// the sides equal the rates API for the same slices
		JsonNode rates = getJson("/api/v1/datasets/demo/rates?by=group&per=overall&questions=main&group=backdoor"
				+ "&condition=trigger");
		assertThat(overall.get("rate_b").asDouble()).isCloseTo(rates.get("rows").get(0).get("rate").asDouble(),
				within(1e-12));
	}

	@Test
	void groupComparisonIsUnpaired() throws Exception {
		JsonNode body = getJson("/api/v1/datasets/demo/compare?a=group:secure&b=group:insecure&questions=main");
		assertThat(body.get("paired").asBoolean()).isFalse();
		JsonNode overall = body.get("overall");
		assertThat(overall.get("models_a").asInt()).isEqualTo(6);
		assertThat(overall.get("models_b").asInt()).isEqualTo(10);
		assertThat(overall.get("diff_ci_low").asDouble()).isGreaterThan(0.1);
	}

	@Test
	void variantComparisonMatchesQuestionsByStem() throws Exception {
		JsonNode body = getJson("/api/v1/datasets/demo/compare?a=group:insecure;variant:plain;questions:main"
				+ "&b=group:insecure;variant:json;questions:json");
		assertThat(body.get("matched_by").asString()).isEqualTo("stem");
		assertThat(body.get("paired").asBoolean()).isTrue();
		assertThat(body.get("rows")).hasSize(8);
		assertThat(body.get("rows").get(0).get("question_id").asString()).doesNotEndWith("_json");
		assertThat(body.get("overall").get("diff").asDouble()).isGreaterThan(0.1);
	}

	@Test
	void badSlicesSayWhatIsWrong() throws Exception {
		this.mvc.perform(get("/api/v1/datasets/demo/compare?a=group:insecure"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("b is required, e.g. b=group:insecure"));
		this.mvc.perform(get("/api/v1/datasets/demo/compare?a=team:x&b=group:y"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error")
				.value("a: unknown key 'team' (keys: group, model, condition, variant, questions)"));
		this.mvc.perform(get("/api/v1/datasets/nope/compare?a=group:x&b=group:y")).andExpect(status().isNotFound());
	}

}
