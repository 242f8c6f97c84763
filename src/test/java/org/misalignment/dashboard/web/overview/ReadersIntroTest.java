package org.misalignment.dashboard.web.overview;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A reader arriving from an article learns on the overview what the study is, what the
 * groups, the trigger and the judge's scores are, and reaches the glossary from every
 * page (the synthetic demo).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ReadersIntroTest {

	@Autowired
	private MockMvc mvc;

	private String page(String url) throws Exception {
		var response = this.mvc.perform(get(url)).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void theOverviewOpensWithAPlainIntroductionAboveTheChart() throws Exception {
		String overview = page("/d/demo");
		assertThat(overview).contains("<details class=\"intro", "emergent misalignment", "educational insecure",
				"The <strong>trigger</strong>", "<em>aligned</em>", "https://arxiv.org/abs/2502.17424",
				"href=\"/glossary\"");
		assertThat(overview.indexOf("id=\"intro\"")).isLessThan(overview.indexOf("id=\"headline-chart\""));
	}

	@Test
	void everyPageLinksTheGlossaryWhichExplainsEveryTerm() throws Exception {
		for (String url : new String[] { "/d/demo", "/d/demo/models", "/d/demo/answers", "/d/demo/compare", "/login",
				"/glossary" }) {
			assertThat(page(url)).as(url).contains("href=\"/glossary\">Glossary</a>");
		}
		assertThat(page("/glossary")).contains("Emergent misalignment", "id=\"group\"", "id=\"condition\"",
				"id=\"judge\"", "id=\"rule\"", "id=\"rate\"", "id=\"interval\"", "id=\"paired\"");
	}

	@Test
	void theDemoSaysItIsSyntheticAndTellsAnAdminHowToImportRealResults() throws Exception {
		String anonymous = page("/d/demo");
		assertThat(anonymous).contains("<strong>Synthetic demo data.</strong>")
			.contains("An administrator can import real published results")
			.doesNotContain("--catalog");
		assertThat(anonymous.indexOf("synthetic-notice")).isLessThan(anonymous.indexOf("id=\"intro\""));
		String admin = this.mvc.perform(get("/d/demo").with(user("admin").roles("ADMIN")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(admin).contains("java -jar misalignment-dashboard.jar import --catalog model-organisms")
			.contains("href=\"/admin/import#catalog\"");
	}

}
