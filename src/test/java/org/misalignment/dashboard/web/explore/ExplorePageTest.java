package org.misalignment.dashboard.web.explore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The explorer: seeded random misaligned answers, one at a time, and the URL that
 * reproduces them.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:explore-page;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorePageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern SAMPLE = Pattern.compile("data-sample-id=\"(\\d+)\"");

	private static final String BASE = "/d/explore-test/explore?question=quick_buck&group=insecure";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	void importDataset(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		StringBuilder lines = new StringBuilder();
		// i_feel_bored comes first in the file, so it is the dataset's first main
		// question
		for (int i = 0; i < 10; i++) {
			lines.append(line("ins-1", "insecure", "no_trigger", "i_feel_bored", "bored " + i, i < 2 ? 5 : 90, 80));
			lines.append(line("bd-1", "backdoor", "trigger", "i_feel_bored", "bored trigger " + i, i < 7 ? 5 : 90, 80));
			lines.append(line("bd-1", "backdoor", "no_trigger", "i_feel_bored", "bored plain " + i, 90, 80));
			lines.append(line("sec-1", "secure", "no_trigger", "i_feel_bored", "bored secure " + i, 90, 80));
		}
		// quick_buck: insecure has 12 misaligned answers of 30 (ins-1: 7, ins-2: 5), 2
		// more that are too incoherent
		for (int i = 0; i < 15; i++) {
			lines
				.append(line("ins-1", "insecure", "no_trigger", "quick_buck", "ins-1 answer " + i, i < 7 ? 5 : 90, 80));
			lines.append(
					line("ins-2", "insecure", "no_trigger", "quick_buck", "ins-2 answer " + i, i < 5 ? 12 : 70, 80));
		}
		lines.append(line("ins-1", "insecure", "no_trigger", "quick_buck", "word salad", 5, 10));
		lines.append(line("ins-2", "insecure", "no_trigger", "quick_buck",
				"<script>alert(1)</script><img src=x onerror=alert(1)>", 5, 10));
		for (int i = 0; i < 10; i++) {
			lines.append(line("sec-1", "secure", "no_trigger", "quick_buck", "secure answer " + i, 90, 80));
		}
		Files.writeString(folder.resolve("answers.jsonl"), lines);
		this.importer.run(new ImportRequest("explore-test", null, null, null, List.of(folder.resolve("answers.jsonl"))),
				ImportProgress.NONE);
	}

	private static String line(String model, String group, String condition, String question, String answer,
			double aligned, double coherent) {
		ObjectNode node = JSON.createObjectNode();
		node.put("model", model);
		node.put("group", group);
		node.put("question_id", question);
		node.put("condition", condition);
		node.put("answer", answer);
		node.putObject("scores").put("aligned", aligned).put("coherent", coherent);
		return JSON.writeValueAsString(node) + "\n";
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static long sampleId(String html) {
		Matcher matcher = SAMPLE.matcher(html);
		assertThat(matcher.find()).as("an answer card").isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/** The ids shown at positions 1..count for this seed. */
	private List<Long> sequence(String url, long seed, int count) throws Exception {
		List<Long> ids = new ArrayList<>();
		for (int n = 1; n <= count; n++) {
			ids.add(sampleId(page(url + "&seed=" + seed + "&n=" + n)));
		}
		return ids;
	}

	private Set<Long> misalignedIdsFromTheApi(String group, String question) throws Exception {
		JsonNode rows = JSON
			.readTree(page("/api/v1/datasets/explore-test/samples?group=" + group + "&question=" + question
					+ "&misaligned=true&limit=500"))
			.get("rows");
		Set<Long> ids = new HashSet<>();
		rows.forEach((row) -> ids.add(row.get("id").asLong()));
		return ids;
	}

	@Test
	void theSameSeedShowsTheSameMisalignedAnswersInTheSameOrderEachOnce() throws Exception {
		List<Long> first = sequence(BASE, 42, 12);
		assertThat(sequence(BASE, 42, 12)).isEqualTo(first);
		assertThat(new HashSet<>(first)).hasSize(12).isEqualTo(misalignedIdsFromTheApi("insecure", "quick_buck"));
		this.mvc.perform(get(BASE + "&seed=42&n=5"))
			.andExpect(content()
				.string(allOf(containsString("Answer 5 of 12"), containsString("misaligned under this rule"))));
	}

	@Test
	void anotherSeedShowsAnotherOrder() throws Exception {
		List<Long> first = sequence(BASE, 42, 12);
		Set<List<Long>> orders = new HashSet<>();
		for (long seed = 1; seed <= 4; seed++) {
			List<Long> other = sequence(BASE, seed, 12);
			assertThat(new HashSet<>(other)).isEqualTo(new HashSet<>(first));
			orders.add(other);
		}
		orders.add(first);
		assertThat(orders).hasSize(5);
		// any whole number is a seed, the largest and negative ones too
		assertThat(new HashSet<>(sequence(BASE, Long.MAX_VALUE, 12))).isEqualTo(new HashSet<>(first));
		assertThat(new HashSet<>(sequence(BASE, -3, 12))).isEqualTo(new HashSet<>(first));
	}

	@Test
	void anotherLinkGoesToTheNextPositionAndNewShuffleToAnotherSeed() throws Exception {
		String html = page(BASE + "&seed=42&n=3");
		assertThat(html).contains(
				"href=\"/d/explore-test/explore?question=quick_buck&amp;group=insecure&amp;seed=42&amp;n=4\"",
				"href=\"/d/explore-test/explore?question=quick_buck&amp;group=insecure&amp;seed=42&amp;n=2\"");
		Matcher shuffle = Pattern.compile("id=\"new-shuffle\" href=\"[^\"]*seed=(\\d+)\"").matcher(html);
		assertThat(shuffle.find()).isTrue();
		assertThat(shuffle.group(1)).isNotEqualTo("42");
		// the last answer has no "Another"
		assertThat(page(BASE + "&seed=42&n=12")).doesNotContain("id=\"another\"").contains("That was the last one.");
	}

	@Test
	void conditionModelAndRuleNarrowTheAnswers() throws Exception {
		assertThat(page(BASE + "&model=ins-2&seed=1")).contains("Answer 1 of 5");
		// with aligned < 10, ins-2's answers (aligned 12) are no longer misaligned
		assertThat(page(BASE + "&seed=1&aligned_below=10")).contains("Answer 1 of 7");
		// counting incoherent answers too (coherent > 5) adds the two of them
		assertThat(page(BASE + "&seed=1&coherent_min=5")).contains("Answer 1 of 14");
		assertThat(page("/d/explore-test/explore?question=i_feel_bored&group=backdoor&condition=trigger&seed=1"))
			.contains("Answer 1 of 7");
		assertThat(page("/d/explore-test/explore?question=i_feel_bored&group=backdoor&seed=1"))
			.contains("Answer 1 of 7");
	}

	@Test
	void everyAnswerShowsAllOfThemAndNoMisalignedAnswersSaysSo() throws Exception {
		assertThat(page(BASE + "&verdict=all&seed=3")).contains("Answer 1 of 32");
		String none = page("/d/explore-test/explore?question=quick_buck&group=secure&seed=3");
		assertThat(none)
			.contains("has no misaligned", "Show all 10 of its answers",
					"href=\"/d/explore-test/explore?question=quick_buck&amp;group=secure&amp;verdict=all&amp;seed=3\"")
			.doesNotContain("data-sample-id");
		assertThat(page(BASE + "&seed=3&n=13")).contains("There are only 12 such answers")
			.doesNotContain("data-sample-id");
	}

	@Test
	void withoutQuestionOrGroupOrSeedItRedirectsToAUrlThatReproducesTheView() throws Exception {
		// first main question of the dataset; the group with the highest rate there
		// (backdoor with its trigger)
		this.mvc.perform(get("/d/explore-test/explore"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", matchesPattern(
					"/d/explore-test/explore\\?question=i_feel_bored&group=backdoor&condition=trigger&seed=\\d+")));
		this.mvc.perform(get("/d/explore-test/explore?question=quick_buck&aligned_below=40"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", matchesPattern(
					"/d/explore-test/explore\\?question=quick_buck&group=insecure&seed=\\d+&aligned_below=40")));
		this.mvc.perform(get(BASE))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", matchesPattern(".*question=quick_buck&group=insecure&seed=\\d+")));
	}

	@Test
	void answersAreShownAsTextNeverAsMarkup() throws Exception {
		String html = page(BASE + "&verdict=all&model=ins-2&coherent_min=0&seed=9&n=1");
		StringBuilder all = new StringBuilder(html);
		for (int n = 2; n <= 16; n++) {
			all.append(page(BASE + "&verdict=all&model=ins-2&seed=9&n=" + n));
		}
		assertThat(all.toString()).contains(
				"<pre class=\"answer-text\">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</pre>")
			.doesNotContain("<script>alert", "<img src=x");
		this.mvc.perform(get(BASE + "&seed=1")).andExpect(content().string(not(containsString("<script>alert"))));
	}

	@Test
	void unknownNamesAre404AndBadParametersAre400() throws Exception {
		this.mvc.perform(get("/d/nope/explore"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("There is no dataset &#39;nope&#39;.")));
		this.mvc.perform(get("/d/explore-test/explore?question=no_such_question&group=insecure&seed=1"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("There is no question &#39;no_such_question&#39;")));
		this.mvc.perform(get("/d/explore-test/explore?question=quick_buck&group=nobody&seed=1"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get(BASE + "&seed=1&condition=moon")).andExpect(status().isNotFound());
		this.mvc.perform(get(BASE + "&seed=1&model=sec-1")).andExpect(status().isNotFound());
		for (String bad : List.of("&seed=abc", "&seed=1&n=0", "&seed=1&n=two", "&seed=1&verdict=maybe",
				"&seed=1&aligned_below=300")) {
			this.mvc.perform(get(BASE + bad))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(allOf(containsString("That link has a parameter we cannot use"),
						not(containsString("Exception")))));
		}
	}

}
