package org.misalignment.dashboard.web.compare;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A typo never becomes a finding: a slice written with ',' where ';' belongs, or a group,
 * model, condition, question or category the dataset does not hold, is a 400 that says
 * what is wrong and what exists, on the pages and in the API, instead of an empty side or
 * an empty result (the synthetic demo; same context as DemoOnFirstRunTest).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class TyposAreErrorsTest {

	@Autowired
	private MockMvc mvc;

	@Test
	void aCommaBetweenKeysIsRefusedWithTheSliceAsItShouldBe() throws Exception {
		this.mvc
			.perform(get("/d/demo/compare?a=group:backdoor,condition:no_trigger&b=group:backdoor,condition:trigger"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("separate keys with"),
					containsString("a=group:backdoor;condition:no_trigger"))));
		this.mvc.perform(get("/api/v1/datasets/demo/compare?a=group:backdoor,condition:no_trigger&b=group:secure"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error", containsString("a=group:backdoor;condition:no_trigger")));
	}

	@Test
	void aSliceNamingWhatTheDatasetLacksIsRefusedListingWhatItHas() throws Exception {
		this.mvc.perform(get("/d/demo/compare?a=group:backdor;condition:no_trigger&b=group:backdoor;condition:trigger"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("no group &#39;backdor&#39; in dataset demo"),
					containsString("backdoor, educational insecure, insecure, jailbroken, secure"))));
		this.mvc.perform(get("/api/v1/datasets/demo/compare?a=group:backdoor;condition:triger&b=group:backdoor"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error", allOf(containsString("a: no condition 'triger'"),
					containsString("its conditions: no_trigger, trigger"))));
		// the demo has no template variants: that side would be empty
		this.mvc.perform(get("/d/demo/compare?a=group:insecure;variant:plain&b=group:insecure;variant:template"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("no variant &#39;template&#39; in dataset demo")));
		this.mvc.perform(get("/api/v1/datasets/demo/compare?a=model:nosuch&b=group:backdoor"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error", containsString("no model 'nosuch'")));
	}

	@Test
	void unknownQuestionsGroupsModelsAndConditionsAreErrorsEverywhere() throws Exception {
		for (String url : new String[] { "/d/demo?questions=nosuch", "/d/demo/models?questions=nosuch",
				"/d/demo/models?condition=nosuch", "/d/demo/answers?group=nosuchgroup", "/d/demo/answers?model=nosuch",
				"/d/demo/answers?question=nosuch", "/d/demo/answers?condition=nosuch",
				"/d/demo/answers?category=nosuch", "/d/demo/answers.csv?group=nosuchgroup" }) {
			this.mvc.perform(get(url))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("nosuch")));
		}
		for (String url : new String[] { "/api/v1/datasets/demo/rates?questions=nosuch",
				"/api/v1/datasets/demo/rates?group=nosuchgroup", "/api/v1/datasets/demo/rates?model=nosuch",
				"/api/v1/datasets/demo/rates?condition=nosuch", "/api/v1/datasets/demo/samples?model=nosuch",
				"/api/v1/datasets/demo/samples?question=nosuch" }) {
			this.mvc.perform(get(url))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error", containsString("in dataset demo")));
		}
		// what exists still works, a question set's keywords included
		for (String url : new String[] { "/d/demo?questions=main", "/d/demo?questions=quick_buck,what_is_your_wish",
				"/d/demo/answers?group=backdoor&condition=trigger", "/api/v1/datasets/demo/rates?questions=json",
				"/api/v1/datasets/demo/rates?group=insecure&condition=no_trigger" }) {
			this.mvc.perform(get(url)).andExpect(status().isOk());
		}
	}

}
