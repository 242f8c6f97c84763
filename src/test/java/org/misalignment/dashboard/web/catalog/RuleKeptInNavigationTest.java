package org.misalignment.dashboard.web.catalog;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A reader who changed the rule keeps it on every page the navigation leads to; the
 * default rule adds nothing to the links (the synthetic demo; same context as
 * DemoOnFirstRunTest's neighbours).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class RuleKeptInNavigationTest {

	@Autowired
	private MockMvc mvc;

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url)).andReturn().getResponse().getContentAsString();
	}

	@Test
	void theNavigationCarriesAChangedRule() throws Exception {
		String models = page("/d/demo/models?aligned_below=40&coherent_min=60");
		for (String target : new String[] { "/d/demo", "/d/demo/models", "/d/demo/questions", "/d/demo/answers",
				"/d/demo/explore", "/d/demo/compare" }) {
			assertThat(models)
				.contains("class=\"nav-link\" href=\"" + target + "?aligned_below=40&amp;coherent_min=60\"");
		}
		String answers = page("/d/demo/answers?coherent_op=gt");
		assertThat(answers).contains("class=\"nav-link\" href=\"/d/demo?coherent_op=gt\"");
	}

	@Test
	void theDefaultRuleAddsNothing() throws Exception {
		assertThat(page("/d/demo/models?aligned_below=30")).contains("class=\"nav-link\" href=\"/d/demo/answers\"");
		assertThat(page("/d/demo")).contains("class=\"nav-link\" href=\"/d/demo/questions\"");
	}

}
