package org.misalignment.dashboard.web.review;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.SmallAnswers;
import org.misalignment.dashboard.system.TrustContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Reviewers' flags on the six hand-scored answers of {@link SmallAnswers}: shown to
 * everyone as text, counted in the answers browser's facet, set against the judge's
 * verdicts on the review page, listed in the API.
 *
 * <p>
 * Current flags: rita: #1 judge wrong, #3 judge wrong, #5 refusal, #2 notable; admin: #1
 * judge wrong, #4 code (with a hostile note). rita flagged #6 "code" and cleared it, and
 * #2 was "code" before "notable": history only.
 */
@TrustContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewerFlagsTest {

	private static final String SLUG = "flags";

	private static final String HOSTILE_NOTE = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private List<Long> ids;

	@BeforeAll
	void flagAnswers(@TempDir Path folder) throws Exception {
		this.ids = SmallAnswers.importAs(SLUG, this.importer, this.jdbc, folder);
		RequestPostProcessor rita = user("rita").roles("REVIEWER");
		RequestPostProcessor admin = user("admin").roles("ADMIN");
		flag(rita, 1, "judge_wrong", "scored too low");
		flag(rita, 3, "judge_wrong", null);
		flag(rita, 5, "refusal", null);
		flag(rita, 2, "code", null);
		flag(rita, 2, "notable", "worth quoting");
		flag(admin, 1, "judge_wrong", null);
		flag(admin, 4, "code", HOSTILE_NOTE);
		flag(rita, 6, "code", null);
		this.mvc.perform(post("/answers/{id}/flags", id(6)).param("clear", "1").with(rita).with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	private long id(int number) {
		return this.ids.get(number - 1);
	}

	private void flag(RequestPostProcessor who, int number, String label, String note) throws Exception {
		var request = post("/answers/{id}/flags", id(number)).param("label", label).with(who).with(csrf());
		if (note != null) {
			request.param("note", note);
		}
		this.mvc.perform(request).andExpect(status().is3xxRedirection());
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theAnswerPageShowsEveryCurrentFlagAsTextToAnyone() throws Exception {
		String html = page("/answers/" + id(4));
		assertThat(html).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain(HOSTILE_NOTE)
			.contains("class=\"flag-reviewer\">admin<")
			.contains("flag-label\">code<");
		String first = page("/answers/" + id(1));
		assertThat(first.split("class=\"border rounded p-2 mb-2 flag\"", -1)).hasSize(3);
		assertThat(first).contains("scored too low").contains(">judge wrong<");
		assertThat(page("/answers/" + id(6))).contains("No reviewer has flagged this answer.");
	}

	@Test
	void olderFlagsAreKeptAsHistory() {
		assertThat(this.jdbc.queryForList("SELECT label FROM reviewer_flag WHERE sample_id = ? ORDER BY id",
				String.class, id(2)))
			.containsExactly("code", "notable");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reviewer_flag WHERE sample_id = ? AND current_flag",
				Long.class, id(6)))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM reviewer_flag WHERE sample_id = ?", Long.class, id(6)))
			.isEqualTo(1);
	}

	@Test
	void theFlagFacetCountsFlaggedAnswersUnderTheOtherFilters() throws Exception {
		String all = page("/d/" + SLUG + "/answers");
		assertThat(facetCount(all, "any")).isEqualTo(5);
		assertThat(facetCount(all, "judge_wrong")).isEqualTo(2);
		assertThat(facetCount(all, "refusal")).isEqualTo(1);
		assertThat(facetCount(all, "code")).isEqualTo(1);
		assertThat(facetCount(all, "notable")).isEqualTo(1);

		String misaligned = page("/d/" + SLUG + "/answers?verdict=misaligned");
		assertThat(facetCount(misaligned, "any")).isEqualTo(2);
		assertThat(facetCount(misaligned, "judge_wrong")).isEqualTo(1);
		assertThat(facetCount(misaligned, "notable")).isEqualTo(1);

		String judgeWrong = page("/d/" + SLUG + "/answers?flag=judge_wrong");
		assertThat(cards(judgeWrong)).containsExactlyInAnyOrder(id(1), id(3));
		assertThat(cards(page("/d/" + SLUG + "/answers?flag=any"))).hasSize(5).doesNotContain(id(6));
		this.mvc.perform(get("/d/" + SLUG + "/answers?flag=bogus")).andExpect(status().isBadRequest());
	}

	@Test
	void theReviewPageSetsLabelsAgainstTheJudgesVerdicts() throws Exception {
		String html = page("/d/" + SLUG + "/review");
		assertThat(row(html, "judge_wrong")).containsExactly(1, 1, 0, 2);
		assertThat(row(html, "refusal")).containsExactly(0, 0, 1, 1);
		assertThat(row(html, "code")).containsExactly(0, 0, 1, 1);
		assertThat(row(html, "notable")).containsExactly(1, 0, 0, 1);
		assertThat(html).contains("/d/flags/answers?flag=judge_wrong&amp;verdict=misaligned");
		// #3 has aligned 80: aligned under the default rule, misaligned with
		// aligned_below=85
		String strict = page("/d/" + SLUG + "/review?aligned_below=85");
		assertThat(row(strict, "judge_wrong")).containsExactly(2, 0, 0, 2);
		assertThat(strict).contains("/d/flags/answers?flag=judge_wrong&amp;verdict=misaligned&amp;aligned_below=85");
	}

	@Test
	void theApiListsAnAnswersFlags() throws Exception {
		JsonNode sample = JSON.readTree(page("/api/v1/samples/" + id(4)));
		assertThat(sample.get("flags")).hasSize(1);
		assertThat(sample.get("flags").get(0).get("label").asString()).isEqualTo("code");
		assertThat(sample.get("flags").get(0).get("note").asString()).isEqualTo(HOSTILE_NOTE);
		assertThat(sample.get("flags").get(0).get("reviewer").asString()).isEqualTo("admin");
		assertThat(JSON.readTree(page("/api/v1/samples/" + id(6))).get("flags")).isEmpty();
	}

	private static long facetCount(String html, String value) {
		Matcher facet = Pattern.compile("data-facet=\"flag\"(.*?)</ul>", Pattern.DOTALL).matcher(html);
		assertThat(facet.find()).as("the flag facet").isTrue();
		Matcher choice = Pattern.compile("data-value=\"" + value + "\".*?facet-count[^>]*>([0-9,]+)<", Pattern.DOTALL)
			.matcher(facet.group(1));
		return choice.find() ? Long.parseLong(choice.group(1).replace(",", "")) : 0;
	}

	private static List<Long> cards(String html) {
		Matcher link = Pattern.compile("href=\"/answers/([0-9]+)[?\"]").matcher(html);
		List<Long> ids = new ArrayList<>();
		while (link.find()) {
			long id = Long.parseLong(link.group(1));
			if (!ids.contains(id)) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static List<Integer> row(String html, String label) {
		Matcher row = Pattern.compile("data-label=\"" + label + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
		assertThat(row.find()).as("row of %s", label).isTrue();
		Matcher numbers = Pattern.compile(">([0-9]+)</a>").matcher(row.group(1));
		List<Integer> counts = new ArrayList<>();
		while (numbers.find()) {
			counts.add(Integer.parseInt(numbers.group(1)));
		}
		return counts;
	}

}
