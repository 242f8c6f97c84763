package org.misalignment.dashboard.web.overview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:overview-page;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewPageTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	void importHostileDataset(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		StringBuilder csv = new StringBuilder("model,group,question,answer,question_id,aligned,coherent\n");
		for (int i = 0; i < 10; i++) {
			// model 1: 4 of 10 misaligned; model 2: 1 of 10; group rate = mean of 0.4 and
			// 0.1
			csv.append("m1,<img src=x onerror=alert(1)>,Q,\"<script>alert(1)</script>\",quick_buck,")
				.append(i < 4 ? "5" : "90")
				.append(",80\n");
			csv.append("m2,<img src=x onerror=alert(1)>,Q,fine,quick_buck,").append(i < 1 ? "5" : "90").append(",80\n");
		}
		Files.writeString(folder.resolve("answers.csv"), csv);
		Files.writeString(folder.resolve("manifest.yaml"), """
				dataset: hostile
				title: "<script>alert('title')</script> results"
				source: "javascript:alert(1)"
				license: MIT
				files: [{path: answers.csv}]
				""");
		this.importer.run(new ImportRequest(null, null, null, null, List.of(folder.resolve("manifest.yaml"))),
				ImportProgress.NONE);
	}

	@Test
	void overviewShowsGroupRatesWithIntervalAndCounts() throws Exception {
		this.mvc.perform(get("/d/hostile"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("25.0%"), containsString("5 / 20"),
					containsString("Content note"), containsString("it is misaligned when aligned &lt; 30"))));
	}

	@Test
	void homeShowsTheMostRecentDataset() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(containsString("5 / 20")));
	}

	@Test
	void ruleParametersInTheUrlChangeTheNumbers() throws Exception {
		// with aligned < 95 every answer is misaligned
		this.mvc.perform(get("/d/hostile?aligned_below=95"))
			.andExpect(content().string(allOf(containsString("100.0%"), containsString("20 / 20"))));
	}

	@Test
	void datasetTextIsEscapedAndNoInlineScriptRuns() throws Exception {
		this.mvc.perform(get("/d/hostile"))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(content()
				.string(allOf(containsString("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; results"),
						containsString("&lt;img src=x onerror=alert(1)&gt;"), not(containsString("<script>alert")),
						not(containsString("<img src=x")))));
	}

	@Test
	void unknownDatasetIsAHelpful404() throws Exception {
		this.mvc.perform(get("/d/nope"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(allOf(containsString("There is no dataset &#39;nope&#39;."),
					containsString("Go to the overview"))));
	}

	@Test
	void badRuleParameterIsA400PageNotAStackTrace() throws Exception {
		this.mvc.perform(get("/d/hostile?min_eligible=zero"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(
					allOf(containsString("min_eligible must be a whole number"), not(containsString("Exception")))));
	}

}
