package org.misalignment.dashboard.web.catalog;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

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

	/**
	 * The overview's, the models page's and a model page's question set and thresholds
	 * are one form: Apply sends both, so that changing one never drops the other (before,
	 * the overview's Apply dropped a changed question set).
	 */
	@Test
	void questionSetAndThresholdsAreOneForm() throws Exception {
		for (String url : new String[] { "/d/demo?questions=all&aligned_below=40", "/d/demo/models?questions=all",
				"/d/demo/models/1?questions=json" }) {
			String html = page(url);
			List<String> forms = Pattern.compile("<form[^>]*rule-controls.*?</form>", Pattern.DOTALL)
				.matcher(html)
				.results()
				.map(MatchResult::group)
				.toList();
			assertThat(forms).as(url).hasSize(1);
			String form = forms.get(0);
			assertThat(form).as(url)
				.contains("<select class=\"form-select form-select-sm\" id=\"questions\" name=\"questions\">")
				.contains("name=\"aligned_below\"")
				.doesNotContain("type=\"hidden\" name=\"questions\"");
			assertThat(html).as(url).doesNotContain("question-set\"");
		}
		assertThat(page("/d/demo?questions=all&aligned_below=40"))
			.contains("<option value=\"all\" selected=\"selected\"")
			.contains("name=\"aligned_below\" type=\"number\" min=\"0\" max=\"100\" step=\"any\" value=\"40\"");
	}

}
