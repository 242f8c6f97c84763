package org.misalignment.dashboard.web.compare;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The compare builder: menus of what the dataset holds, which the page writes as slices
 * (the synthetic demo; same context as DemoOnFirstRunTest). Nobody has to type
 * {@code group:backdoor;condition:trigger}, and the shared URL is still the slice URL.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class CompareBuilderTest {

	@Autowired
	private MockMvc mvc;

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void theMenusListWhatTheDatasetHolds() throws Exception {
		String html = page("/d/demo/compare");
		for (String side : new String[] { "a", "b", "c" }) {
			assertThat(html).contains("name=\"" + side + "_group\"")
				.contains("name=\"" + side + "_model\"")
				.contains("name=\"" + side + "_condition\"")
				.contains("name=\"" + side + "_variant\"");
		}
		assertThat(html).contains("<option value=\"backdoor\">group: backdoor</option>")
			.contains("<option value=\"jailbroken\">group: jailbroken</option>")
			.contains("<option value=\"trigger\">with trigger (trigger)</option>")
			.contains("<option value=\"json\">variant: json</option>")
			.doesNotContain("<option value=\"template\">");
		// models in natural order: backdoor-2 before backdoor-10
		assertThat(html.indexOf("model: backdoor-2<")).isPositive().isLessThan(html.indexOf("model: backdoor-10<"));
	}

	@Test
	void theMenusAreWrittenAsSlicesAndTheRestOfTheViewIsKept() throws Exception {
		this.mvc
			.perform(get("/d/demo/compare?a_group=backdoor&a_model=&a_condition=&b_group=backdoor&b_model="
					+ "&b_condition=trigger&c_group=&c_model=&c_condition=&questions=main&aligned_below=40"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl(
					"/d/demo/compare?questions=main&aligned_below=40&a=group:backdoor&b=group:backdoor;condition:trigger"));
	}

	@Test
	void theComparedSlicesShowSelectedInTheMenus() throws Exception {
		String html = page("/d/demo/compare?a=group:backdoor&b=group:backdoor;condition:trigger&questions=main");
		String sideB = html.substring(html.indexOf("data-side=\"b\""), html.indexOf("data-side=\"c\""));
		assertThat(sideB).contains("<option value=\"backdoor\" selected=\"selected\">group: backdoor</option>")
			.contains("<option value=\"trigger\" selected=\"selected\">with trigger (trigger)</option>");
		assertThat(html).contains("<option value=\"main\" selected=\"selected\"");
		// slices the menus cannot show open the text form
		assertThat(page("/d/demo/compare?a=group:secure,insecure&b=group:jailbroken"))
			.contains("<details class=\"slice-text small mb-2\" open=\"open\">");
	}

	@Test
	void aValueThatWouldBreakTheSliceIsRefused() throws Exception {
		this.mvc.perform(get("/d/demo/compare?a_group=backdoor;model:x&b_group=secure"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("a_group: &#39;backdoor;model:x&#39; holds a &#39;;&#39;")));
	}

}
