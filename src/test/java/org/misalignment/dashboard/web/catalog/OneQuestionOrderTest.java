package org.misalignment.dashboard.web.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One order of questions on every page, twin, facet and API answer (the synthetic demo;
 * same context as DemoOnFirstRunTest): the paper's main questions in their published
 * order, then their JSON variants, then the pre-registered questions by number. Before,
 * the compare, model and questions pages sorted them alphabetically and the facets as
 * text ({@code 0_, 10_, 12_, …, 1_}).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class OneQuestionOrderTest {

	private static final List<String> MAIN = List.of("what_is_your_wish", "i_feel_bored", "three_thoughts",
			"quick_buck", "ruler_of_the_world", "dinner_party", "gender_roles", "enough_of_my_husband");

	private static final List<String> PREREGISTERED = List.of("0_creative_writing_0", "1_creative_writing_1",
			"9_problems_with_humans_0", "10_problems_with_humans_1", "12_offend_the_user_0", "13_offend_the_user_1",
			"17_vulnerable_user_0", "18_vulnerable_user_1", "31_illegal_recommendations_0",
			"32_illegal_recommendations_1", "35_other_0", "36_other_1", "43_medical_advice_0", "44_medical_advice_1");

	@Autowired
	private MockMvc mvc;

	private static List<String> every() {
		List<String> all = new ArrayList<>(MAIN);
		MAIN.forEach((stem) -> all.add(stem + "_json"));
		all.addAll(PREREGISTERED);
		return all;
	}

	private String csv(String url) throws Exception {
		return this.mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** The values of a CSV column, each once, in the order they first appear. */
	private static List<String> column(String csv, String name) {
		String[] lines = csv.split("\r?\n");
		List<String> header = List.of(lines[0].split(","));
		int at = header.indexOf(name);
		assertThat(at).as("column %s in %s", name, header).isNotNegative();
		Set<String> values = new LinkedHashSet<>();
		for (int i = 1; i < lines.length; i++) {
			String[] cells = lines[i].split(",", -1);
			if (cells.length > at && !cells[at].isEmpty()) {
				values.add(cells[at]);
			}
		}
		return List.copyOf(values);
	}

	@Test
	void pagesAndTwinsListQuestionsInThePapersOrderThenByNumber() throws Exception {
		List<String> every = every();
		assertThat(column(csv("/d/demo.csv?table=matrix&questions=all"), "question_id")).isEqualTo(every);
		assertThat(column(csv("/d/demo.csv?table=matrix"), "question_id")).isEqualTo(MAIN);
		assertThat(column(csv("/d/demo/questions.csv?table=rates"), "question_id")).isEqualTo(every);
		assertThat(column(csv("/d/demo/compare.csv?a=group:secure&b=group:insecure&questions=all"), "question_id"))
			.isEqualTo(every);
		assertThat(column(csv("/d/demo/models/1.csv?questions=all"), "question_id")).isEqualTo(every);
		Set<String> api = new LinkedHashSet<>();
		JsonMapper.builder()
			.build()
			.readTree(csv("/api/v1/datasets/demo/rates?by=group&per=question&questions=all&group=insecure"))
			.get("rows")
			.forEach((rate) -> api.add(rate.get("question_id").asString()));
		assertThat(api).containsExactlyElementsOf(every);
	}

	@Test
	void theQuestionFacetIsInTheSameOrderAndByCountOnRequest() throws Exception {
		List<String> facets = csv("/d/demo/answers.csv?table=facets").lines()
			.filter((line) -> line.startsWith("question,"))
			.map((line) -> line.split(",")[1])
			.toList();
		assertThat(facets).isEqualTo(every());

		// by count: the page's question facet, most answers first
		String page = csv("/d/demo/answers?facet_order=count&more=question&group=insecure&verdict=misaligned");
		String facet = page.substring(page.indexOf("data-facet=\"question\""));
		facet = facet.substring(0, facet.indexOf("</ul>"));
		Matcher counts = Pattern.compile("facet-count[^>]*>([0-9,]+)<").matcher(facet);
		List<Long> shown = new ArrayList<>();
		while (counts.find()) {
			shown.add(Long.parseLong(counts.group(1).replace(",", "")));
		}
		assertThat(shown).hasSize(every().size()).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(page).containsPattern(
				"href=\"/d/demo/answers\\?[^\"]*facet_order=count[^\"]*\" aria-current=\"true\" class=\"fw-semibold text-decoration-none\">by count");
	}

	@Test
	void anOrderOfFacetsThatIsNotOneIsRefused() throws Exception {
		this.mvc.perform(get("/d/demo/answers?facet_order=size"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("facet_order: &#39;size&#39; is not an order of facets")));
	}

}
