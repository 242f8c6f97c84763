package org.misalignment.dashboard.web.compare;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The compare page on the synthetic demo (same context as DemoOnFirstRunTest). */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ComparePageTest {

	@Autowired
	private MockMvc mvc;

	@Test
	void withoutSlicesThePageOffersThePresets() throws Exception {
		this.mvc.perform(get("/d/demo/compare"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Backdoor: no trigger vs trigger"),
					containsString("Secure vs insecure"), containsString("a=group:backdoor;condition:no_trigger"),
					// the demo has JSON variants but no template ones: side C would be
					// empty
					not(containsString("Insecure: plain vs JSON vs template")))));
	}

	@Test
	void triggerPresetShowsAPairedTableChartsAndMatchedAnswers() throws Exception {
		this.mvc.perform(get(
				"/d/demo/compare?a=group:backdoor;condition:no_trigger&b=group:backdoor;condition:trigger&questions=main"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Paired: the same models on both sides"),
					containsString("all questions (mean)"), containsString("data-chart="),
					containsString("data-paired-chart="), containsString("class=\"row g-2 matched-pair\""),
					containsString("[synthetic demo answer]"))));
	}

	@Test
	void discordantFilterKeepsOnlyPairsWithOneMisalignedSide() throws Exception {
		String page = this.mvc
			.perform(get("/d/demo/compare?a=group:backdoor;condition:no_trigger"
					+ "&b=group:backdoor;condition:trigger&questions=main&discordant=true"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		int pairs = page.split("matched-pair\"").length - 1;
		int misaligned = page.split("badge text-bg-danger").length - 1;
		org.assertj.core.api.Assertions.assertThat(pairs).isPositive();
		org.assertj.core.api.Assertions.assertThat(misaligned).isEqualTo(pairs);
	}

	@Test
	void threeSlicesShowTwoComparisons() throws Exception {
		String page = this.mvc
			.perform(get("/d/demo/compare?a=group:insecure;variant:plain"
					+ "&b=group:insecure;variant:json&c=group:educational insecure;variant:json"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.assertj.core.api.Assertions.assertThat(page.split("class=\"comparison mt-4\"").length - 1).isEqualTo(2);
	}

	@Test
	void aQuestionPageLinksIntoTheComparisonsOfThatQuestion() throws Exception {
		String page = this.mvc.perform(get("/d/demo/questions/quick_buck"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.assertj.core.api.Assertions.assertThat(page)
			.contains(
					"/d/demo/compare?a=group:backdoor;condition:no_trigger&amp;b=group:backdoor;condition:trigger&amp;questions=quick_buck")
			.contains("variant:json;questions:quick_buck_json");
		// the linked comparison holds that one question
		this.mvc.perform(get(
				"/d/demo/compare?a=group:backdoor;condition:no_trigger&b=group:backdoor;condition:trigger&questions=quick_buck"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Paired: the same models on both sides")));
	}

	@Test
	void badSliceIsA400Page() throws Exception {
		this.mvc.perform(get("/d/demo/compare?a=team:x&b=group:y"))
			.andExpect(status().isBadRequest())
			.andExpect(content()
				.string(allOf(containsString("unknown key &#39;team&#39;"), not(containsString("Exception")))));
	}

}
