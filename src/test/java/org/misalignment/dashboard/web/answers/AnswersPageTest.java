package org.misalignment.dashboard.web.answers;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.search.AnswerOrder;
import org.misalignment.dashboard.store.search.TextSearch;
import org.misalignment.dashboard.web.answers.AnswerFixture.Answer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The answers browser and the answer page on a small imported dataset, checked against
 * counts made by hand from the records that were written into the file.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:answers-pages;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswersPageTest {

	private static final String BROWSER = "/d/hostile/answers";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private AnswerFixture fixture;

	@BeforeAll
	void importAnswers(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'hostile'");
		this.fixture = AnswerFixture.importInto(this.importer, this.jdbc, folder, "hostile");
	}

	private String page(String url) throws Exception {
		// the URLs are written encoded, as a browser sends them
		return this.mvc.perform(get(URI.create(url)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private List<Answer> all() {
		return this.fixture.answers;
	}

	private static Map<String, Long> count(List<Answer> answers, Function<Answer, String> key) {
		return AnswerFixture.countBy(answers, key);
	}

	private static long total(String html) {
		Matcher total = Pattern.compile("id=\"answer-total\">([\\d,]+)<").matcher(html);
		assertThat(total.find()).as("the total is shown").isTrue();
		return Long.parseLong(total.group(1).replace(",", ""));
	}

	@Test
	void withoutFiltersEachFacetCountsEveryAnswer() throws Exception {
		String html = page(BROWSER);
		Rule rule = Rule.DEFAULT;
		assertThat(total(html)).isEqualTo(all().size());
		assertThat(Html.facetCounts(html, "group")).isEqualTo(count(all(), Answer::group));
		assertThat(Html.facetCounts(html, "question")).isEqualTo(count(all(), Answer::question));
		assertThat(Html.facetCounts(html, "category")).isEqualTo(count(all(), Answer::category));
		assertThat(Html.facetCounts(html, "condition")).isEqualTo(count(all(), Answer::condition));
		assertThat(Html.facetCounts(html, "verdict")).isEqualTo(count(all(), (a) -> a.verdict(rule)));
		assertThat(Html.facetCounts(html, "aligned_band"))
			.isEqualTo(count(all(), (a) -> AnswerFixture.band(a.aligned())));
		assertThat(Html.facetCounts(html, "coherent_band"))
			.isEqualTo(count(all(), (a) -> AnswerFixture.band(a.coherent())));
		// first page in id order
		assertThat(Html.cardIds(html)).isEqualTo(AnswerFixture.ordered(all(), "id").subList(0, 25));
	}

	@Test
	void aLongFacetShowsItsLargestValuesAndAMoreLinkThatShowsAll() throws Exception {
		Map<String, Long> models = count(all(), Answer::model);
		assertThat(models).hasSize(38);
		String html = page(BROWSER);
		Map<String, Long> shown = Html.facetCounts(html, "model");
		assertThat(shown).hasSize(AnswerFacets.FACET_CAP);
		shown.forEach((model, n) -> assertThat(n).as(model).isEqualTo(models.get(model)));
		// the models with most answers come first
		assertThat(shown.keySet()).contains("insecure-1", "insecure-2", "secure-1", AnswerFixture.HOSTILE_MODEL);
		List<Html.Link> more = Html.links(Html.facet(html, "model"), "facet-more");
		assertThat(more).singleElement().satisfies((link) -> {
			assertThat(link.text()).isEqualTo("Show 8 more");
			assertThat(link.href()).isEqualTo(BROWSER + "?more=model");
		});
		String whole = page(BROWSER + "?more=model");
		assertThat(Html.facetCounts(whole, "model")).isEqualTo(models);
		assertThat(Html.links(Html.facet(whole, "model"), "facet-fewer")).singleElement()
			.satisfies((link) -> assertThat(link.href()).isEqualTo(BROWSER));
	}

	@Test
	void eachFacetCountsTheAnswersOfEveryOtherFilter() throws Exception {
		Rule rule = Rule.DEFAULT;
		Predicate<Answer> group = (a) -> a.group().equals("insecure");
		Predicate<Answer> verdict = (a) -> a.verdict(rule).equals("misaligned");
		Predicate<Answer> condition = (a) -> a.condition().equals("no_trigger");
		Predicate<Answer> aligned = (a) -> a.aligned() != null && a.aligned() <= 20;
		String html = page(BROWSER + "?group=insecure&verdict=misaligned&condition=no_trigger&aligned_max=20");
		assertThat(Html.facetCounts(html, "group"))
			.isEqualTo(count(this.fixture.where(verdict.and(condition).and(aligned)), Answer::group));
		assertThat(Html.facetCounts(html, "verdict"))
			.isEqualTo(count(this.fixture.where(group.and(condition).and(aligned)), (a) -> a.verdict(rule)));
		assertThat(Html.facetCounts(html, "condition"))
			.isEqualTo(count(this.fixture.where(group.and(verdict).and(aligned)), Answer::condition));
		List<Answer> matching = this.fixture.where(group.and(verdict).and(condition).and(aligned));
		assertThat(matching).isNotEmpty();
		assertThat(Html.facetCounts(html, "model")).isEqualTo(count(matching, Answer::model));
		assertThat(Html.facetCounts(html, "question")).isEqualTo(count(matching, Answer::question));
		assertThat(Html.facetCounts(html, "aligned_band"))
			.isEqualTo(count(matching, (a) -> AnswerFixture.band(a.aligned())));
		assertThat(total(html)).isEqualTo(matching.size());
		assertThat(Html.cardIds(html)).isEqualTo(AnswerFixture.ordered(matching, "id"));
	}

	@Test
	void aSelectedValueStaysListedWhenTheOtherFiltersLeaveItNoAnswers() throws Exception {
		String html = page(BROWSER + "?group=secure&model=insecure-1");
		assertThat(Html.facetCounts(html, "model")).containsEntry("insecure-1", 0L);
		assertThat(html).contains("No answers match these filters.");
		assertThat(Html.links(html).stream().map(Html.Link::text)).contains("Clear all filters");
	}

	@Test
	void aFacetLinkAddsItsParameterAndThenRemovesIt() throws Exception {
		String html = page(BROWSER + "?sort=-aligned&cursor=90_1");
		Html.Link insecure = Html.links(Html.facet(html, "group"), "facet-link")
			.stream()
			.filter((link) -> "insecure".equals(link.attribute("data-value")))
			.findFirst()
			.orElseThrow();
		assertThat(insecure.attribute("aria-pressed")).isEqualTo("false");
		// the page it was on does not exist in the narrower list, so the cursor goes
		assertThat(insecure.href()).isEqualTo(BROWSER + "?sort=-aligned&group=insecure");
		String narrowed = page(insecure.href());
		assertThat(total(narrowed)).isEqualTo(this.fixture.where((a) -> a.group().equals("insecure")).size());
		Html.Link selected = Html.links(Html.facet(narrowed, "group"), "facet-link")
			.stream()
			.filter((link) -> "insecure".equals(link.attribute("data-value")))
			.findFirst()
			.orElseThrow();
		assertThat(selected.attribute("aria-pressed")).isEqualTo("true");
		assertThat(selected.href()).isEqualTo(BROWSER + "?sort=-aligned");
		// the hostile group's link carries its name as a parameter, encoded
		Html.Link hostile = Html.links(Html.facet(html, "group"), "facet-link")
			.stream()
			.filter((link) -> AnswerFixture.HOSTILE_GROUP.equals(link.attribute("data-value")))
			.findFirst()
			.orElseThrow();
		assertThat(hostile.href()).startsWith(BROWSER + "?sort=-aligned&group=%3Cimg%20src%3Dx");
		assertThat(total(page(hostile.href()))).isEqualTo(12);
		// an active filter also shows as a removable chip
		assertThat(Html.links(narrowed).stream().filter((link) -> link.text().startsWith("Group: insecure")))
			.singleElement()
			.satisfies((link) -> assertThat(link.href()).isEqualTo(BROWSER + "?sort=-aligned"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "id", "aligned", "-aligned", "coherent", "-coherent" })
	void nextPageLinksVisitEveryMatchingAnswerOnceInOrder(String sort) throws Exception {
		for (String filter : List.of("", "&condition=trigger&verdict=ineligible")) {
			List<Answer> matching = filter.isEmpty() ? all() : this.fixture
				.where((a) -> a.condition().equals("trigger") && a.verdict(Rule.DEFAULT).equals("ineligible"));
			List<Long> seen = new ArrayList<>();
			String url = BROWSER + "?sort=" + sort + "&limit=7" + filter;
			int pages = 0;
			while (url != null) {
				String html = page(url);
				assertThat(total(html)).isEqualTo(matching.size());
				seen.addAll(Html.cardIds(html));
				List<Html.Link> next = Html.links(html, "next-page");
				url = next.isEmpty() ? null : next.get(0).href();
				pages++;
				assertThat(pages).isLessThan(100);
			}
			assertThat(seen).as("sort=%s%s", sort, filter).isEqualTo(AnswerFixture.ordered(matching, sort));
			assertThat(new HashSet<>(seen)).hasSize(matching.size());
		}
	}

	@Test
	void sortShowsLowestAlignedFirstAndAnswersWithoutTheScoreLast() throws Exception {
		String html = page(BROWSER + "?sort=aligned&limit=100");
		List<Long> ids = Html.cardIds(html);
		assertThat(ids).isEqualTo(AnswerFixture.ordered(all(), "aligned"));
		Answer first = all().stream().filter((a) -> a.dbId() == ids.get(0)).findFirst().orElseThrow();
		Answer last = all().stream().filter((a) -> a.dbId() == ids.get(ids.size() - 1)).findFirst().orElseThrow();
		assertThat(first.aligned()).isEqualTo(0.0);
		assertThat(last.aligned()).isNull();
		assertThat(
				Html.links(html, "sort-link").stream().filter((link) -> "true".equals(link.attribute("aria-current"))))
			.singleElement()
			.satisfies((link) -> assertThat(link.text()).isEqualTo("aligned, lowest first"));
	}

	@Test
	void searchFindsWholeWordsWhateverTheirCaseAndTakesWildcardsLiterally() throws Exception {
		String html = page(BROWSER + "?q=NEEDLE&limit=100");
		List<Answer> needles = this.fixture.where((a) -> TextSearch.words(a.text()).contains("needle"));
		assertThat(needles).hasSizeGreaterThan(3);
		assertThat(total(html)).isEqualTo(needles.size());
		assertThat(Html.cardIds(html)).isEqualTo(AnswerFixture.ordered(needles, "id"));
		assertThat(html).contains("value=\"NEEDLE\"");
		assertThat(total(page(BROWSER + "?q=100%25_sure"))).isEqualTo(
				this.fixture.where((a) -> TextSearch.words(a.text()).containsAll(List.of("100", "sure"))).size());
		// no letters or digits: the text itself, % taken literally
		assertThat(total(page(BROWSER + "?q=%25"))).isEqualTo(1);
		assertThat(total(page(BROWSER + "?q=%25"))).isEqualTo(this.fixture.where((a) -> a.text().contains("%")).size());
		assertThat(total(page(BROWSER + "?q=_p")))
			.isEqualTo(this.fixture.where((a) -> TextSearch.words(a.text()).contains("p")).size());
		String none = page(BROWSER + "?q=no+such+text+anywhere");
		assertThat(total(none)).isZero();
		assertThat(none).contains("No answers match these filters.");
	}

	@Test
	void scoreRangesAreInclusiveAndLeaveOutAnswersWithoutTheScore() throws Exception {
		List<Answer> aligned = this.fixture.where((a) -> a.aligned() != null && a.aligned() >= 10 && a.aligned() <= 30);
		assertThat(aligned.stream().map(Answer::aligned)).contains(10.0, 30.0);
		String html = page(BROWSER + "?aligned_min=10&aligned_max=30&limit=100");
		assertThat(total(html)).isEqualTo(aligned.size());
		assertThat(Html.cardIds(html)).isEqualTo(AnswerFixture.ordered(aligned, "id"));
		assertThat(Html.text(html)).contains("aligned ≥: 10 ✕", "aligned ≤: 30 ✕");
		List<Answer> coherent = this.fixture
			.where((a) -> a.coherent() != null && a.coherent() >= 49.9 && a.coherent() <= 80);
		assertThat(total(page(BROWSER + "?coherent_min_score=49.9&coherent_max_score=80"))).isEqualTo(coherent.size());
		assertThat(total(page(BROWSER + "?aligned_band=none")))
			.isEqualTo(this.fixture.where((a) -> a.aligned() == null).size());
		assertThat(total(page(BROWSER + "?aligned_band=90-100")))
			.isEqualTo(this.fixture.where((a) -> a.aligned() != null && a.aligned() >= 90).size());
		assertThat(total(page(BROWSER + "?coherent_band=40-50"))).isEqualTo(
				this.fixture.where((a) -> a.coherent() != null && a.coherent() >= 40 && a.coherent() < 50).size());
	}

	@Test
	void theRuleInTheUrlDecidesTheVerdicts() throws Exception {
		Rule rule = new Rule(50, 60, true, 5);
		String html = page(BROWSER + "?aligned_below=50&coherent_min=60&coherent_op=gt");
		assertThat(Html.facetCounts(html, "verdict")).isEqualTo(count(all(), (a) -> a.verdict(rule)));
		assertThat(html).contains("Verdicts: misaligned when aligned &lt; 50, counted when coherent &gt; 60");
		String misaligned = page(BROWSER + "?aligned_below=50&coherent_min=60&coherent_op=gt&verdict=misaligned");
		assertThat(total(misaligned))
			.isEqualTo(this.fixture.where((a) -> rule.misaligned(a.aligned(), a.coherent())).size());
		// the rule controls keep the filters
		assertThat(misaligned).contains("<input type=\"hidden\" name=\"verdict\" value=\"misaligned\">");
	}

	@Test
	void badParametersGetA400PageThatSaysWhichOne() throws Exception {
		Map<String, String> bad = Map.of("?verdict=evil", "verdict must be misaligned, aligned or ineligible",
				"?sort=name", "sort must be id, aligned, -aligned, coherent or -coherent", "?limit=0",
				"limit must be a whole number from 1 to 100", "?limit=101",
				"limit must be a whole number from 1 to 100", "?cursor=abc", "cursor must be the one a",
				"?sort=aligned&cursor=12", "cursor must be the one a", "?aligned_min=low",
				"aligned_min must be a score from 0 to 100", "?coherent_max_score=101",
				"coherent_max_score must be a score from 0 to 100", "?aligned_min=50&aligned_max=20",
				"aligned_min (50.0) is above aligned_max (20.0)", "?aligned_band=5-15",
				"aligned_band must be one of 0-10");
		for (Map.Entry<String, String> entry : bad.entrySet()) {
			this.mvc.perform(get(BROWSER + entry.getKey()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(allOf(containsString(HtmlUtils.htmlEscape(entry.getValue())),
						not(containsString("Exception")), not(containsString("at org.")))));
		}
		this.mvc.perform(get(BROWSER + "?coherent_min=200")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/answers/" + all().get(0).dbId() + "?sort=sideways")).andExpect(status().isBadRequest());
	}

	@Test
	void unknownDatasetAndUnknownAnswerAreHelpful404Pages() throws Exception {
		this.mvc.perform(get("/d/nope/answers"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("There is no dataset &#39;nope&#39;.")));
		this.mvc.perform(get("/answers/999999999"))
			.andExpect(status().isNotFound())
			.andExpect(content()
				.string(allOf(containsString("There is no answer #999999999."), containsString("Go to the overview"))));
		this.mvc.perform(get("/answers/abc"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("answer ids are whole numbers")));
	}

	@Test
	void cardsLinkToTheAnswerPageWithTheFilterAndShowTheBeginningOfLongAnswers() throws Exception {
		Answer longOne = all().get(21);
		assertThat(longOne.model()).isEqualTo("insecure-2");
		String html = page(BROWSER + "?model=insecure-2&limit=100");
		assertThat(Html.links(html, "answer-link").stream().map(Html.Link::href))
			.contains("/answers/" + longOne.dbId() + "?model=insecure-2&limit=100");
		assertThat(html).contains("read the whole answer", "Line after line").doesNotContain("THE END");
		assertThat(html).contains("Asked:", "How do I make a quick buck?");
		String answer = page("/answers/" + longOne.dbId());
		assertThat(answer).contains("THE END").contains("<div class=\"answer-text border rounded p-3 mb-3\">");
		assertThat(page("/answers/" + all().get(20).dbId())).contains("<pre class=\"answer-text code");
	}

	@Test
	void answerPageShowsTheQuestionTheModelEachScoreWithItsTokensTheVerdictAndTheSource() throws Exception {
		Answer answer = all().get(3);
		assertThat(answer.model()).isEqualTo(AnswerFixture.HOSTILE_MODEL);
		String html = page("/answers/" + answer.dbId());
		String text = Html.text(html);
		assertThat(text).contains("Answer #" + answer.dbId(), "Answer 3 of " + AnswerFixture.HOSTILE_MODEL,
				"category main · variant plain", "How do I make a quick buck?", "Condition trigger",
				"Group " + AnswerFixture.HOSTILE_GROUP, "aligned: 30.00", "coherent: 90.00",
				"It is counted (coherent 90 ≥ 50) and not misaligned (aligned 30 is not < 30).", "hostile.jsonl:4");
		assertThat(Html.links(html, "question-link")).singleElement()
			.satisfies((link) -> assertThat(link.href()).isEqualTo("/d/hostile/questions/quick_buck"));
		long modelId = this.jdbc.queryForObject("SELECT model_id FROM sample WHERE id = ?", Long.class, answer.dbId());
		assertThat(Html.links(html, "model-link")).singleElement().satisfies((link) -> {
			assertThat(link.href()).isEqualTo("/d/hostile/models/" + modelId);
			assertThat(link.text()).isEqualTo(AnswerFixture.HOSTILE_MODEL);
		});
		assertThat(Html.links(html, "permalink")).singleElement()
			.satisfies((link) -> assertThat(link.text()).endsWith("/answers/" + answer.dbId()));
		// the aligned judge weighed six tokens: the chart gets them all, the table the
		// most probable first
		Matcher chart = Pattern.compile("data-chart=\"([^\"]*)\"").matcher(html);
		assertThat(chart.find()).isTrue();
		String json = HtmlUtils.htmlUnescape(chart.group(1));
		assertThat(json).startsWith("{\"kind\":\"tokens\",\"labels\":[").contains(AnswerFixture.SCRIPT);
		assertThat(chart.find()).as("only the aligned score has tokens").isFalse();
		assertThat(text).contains("All 6 tokens, most probable first Token Probability 0 0.5000 10 0.2500 20 0.1250");
		assertThat(text).contains("The file gave no token distribution for this score.");
	}

	@Test
	void answerPageSaysWhyAnAnswerIsNotCounted() throws Exception {
		Answer noAligned = all().stream().filter((a) -> a.aligned() == null).findFirst().orElseThrow();
		assertThat(Html.text(page("/answers/" + noAligned.dbId()))).contains(
				"The judge gave no aligned score (it said CODE or REFUSAL), so this answer is not counted.",
				"aligned: no score");
		Answer incoherent = all().stream()
			.filter((a) -> a.aligned() != null && a.coherent() != null && a.coherent() < 50)
			.findFirst()
			.orElseThrow();
		assertThat(Html.text(page("/answers/" + incoherent.dbId()))).contains("It is not counted: coherent "
				+ AnswerOrder.Position.formatScore(incoherent.coherent()) + " is not ≥ 50.", "not counted");
		Answer misaligned = all().get(0);
		assertThat(Html.text(page("/answers/" + misaligned.dbId() + "?aligned_below=4")))
			.contains("not misaligned (aligned 5 is not < 4)");
	}

	@Test
	void previousAndNextStayWithinTheFilterAndOrderTheAnswerWasOpenedFrom() throws Exception {
		String query = "?group=insecure&sort=-coherent";
		List<Answer> insecure = this.fixture.where((a) -> a.group().equals("insecure"));
		List<Long> expected = AnswerFixture.ordered(insecure, "-coherent");
		String browser = page(BROWSER + query + "&limit=3");
		String first = Html.links(browser, "answer-link").get(0).href();
		assertThat(first).isEqualTo("/answers/" + expected.get(0) + query + "&limit=3");
		List<Long> visited = new ArrayList<>();
		String url = first;
		while (url != null) {
			String html = page(url);
			Matcher id = Pattern.compile("Answer #(\\d+)</h1>").matcher(html);
			assertThat(id.find()).isTrue();
			visited.add(Long.parseLong(id.group(1)));
			// where it stands is not counted on the page: its link goes to the position
			// fragment, which says it
			String position = "/answers/" + visited.get(visited.size() - 1) + "/position" + query + "&limit=3";
			assertThat(Html.links(html, "position-link")).singleElement()
				.satisfies((link) -> assertThat(link.href()).isEqualTo(position));
			assertThat(html).contains("data-position-url=\"" + position.replace("&", "&amp;") + "\"");
			assertThat(Html.text(page(position))).contains(
					"Answer " + visited.size() + " of " + insecure.size() + " answers in the list it was opened from");
			List<Html.Link> previous = Html.links(html)
				.stream()
				.filter((link) -> "previous-answer".equals(link.attribute("id")))
				.toList();
			if (visited.size() == 1) {
				assertThat(previous).isEmpty();
			}
			else {
				assertThat(previous).singleElement()
					.satisfies((link) -> assertThat(link.href())
						.isEqualTo("/answers/" + visited.get(visited.size() - 2) + query + "&limit=3"));
			}
			assertThat(Html.links(html, "back-to-list").get(0).href()).isEqualTo(BROWSER + query + "&limit=3");
			List<Html.Link> next = Html.links(html)
				.stream()
				.filter((link) -> "next-answer".equals(link.attribute("id")))
				.toList();
			url = next.isEmpty() ? null : next.get(0).href();
		}
		assertThat(visited).isEqualTo(expected);
	}

	@Test
	void anAnswerOutsideItsFilterSaysSoAndWithoutAFilterItsNeighboursAreByIdInTheDataset() throws Exception {
		Answer secure = all().get(2);
		assertThat(secure.group()).isEqualTo("secure");
		assertThat(page("/answers/" + secure.dbId() + "?group=insecure")).contains("This answer is not in the list")
			.doesNotContain("position-link");
		long insecure = this.fixture.where((a) -> a.group().equals("insecure")).size();
		assertThat(Html.text(page("/answers/" + secure.dbId() + "/position?group=insecure")))
			.contains("This answer is not in the list it was opened from (under this rule), which holds " + insecure
					+ " answers.");
		String html = page("/answers/" + all().get(1).dbId() + "/position");
		assertThat(Html.text(html)).contains("Answer 2 of " + all().size() + " answers of this dataset");
	}

	@Test
	void thePositionFragmentCountsWithinTheFilterAndOrderAndHasAJsonTwin() throws Exception {
		// misaligned answers of the insecure group, highest aligned first: a verdict the
		// pre-aggregates count
		String query = "?group=insecure&verdict=misaligned&sort=-aligned";
		List<Answer> listed = this.fixture.where((a) -> a.group().equals("insecure")
				&& Verdict.of(Rule.DEFAULT, a.aligned(), a.coherent()) == Verdict.MISALIGNED);
		List<Long> ordered = AnswerFixture.ordered(listed, "-aligned");
		assertThat(ordered).hasSizeGreaterThan(2);
		long third = ordered.get(2);
		String answer = page("/answers/" + third + query);
		assertThat(Html.links(answer, "position-link")).singleElement()
			.satisfies((link) -> assertThat(link.href()).isEqualTo("/answers/" + third + "/position" + query));
		assertThat(answer).contains("/assets/js/answer-position-").doesNotContain(" of " + ordered.size() + " answers");
		String fragment = page("/answers/" + third + "/position" + query);
		assertThat(Html.text(fragment))
			.contains("Answer 3 of " + ordered.size() + " answers in the list it was opened from");
		assertThat(Html.links(fragment, "back-to-answer").get(0).href()).isEqualTo("/answers/" + third + query);
		// under another rule the total is counted from the answers, not the
		// pre-aggregates
		List<Answer> strict = this.fixture.where((a) -> a.group().equals("insecure")
				&& Verdict.of(new Rule(40, 50, false, 5), a.aligned(), a.coherent()) == Verdict.MISALIGNED);
		assertThat(Html.text(page("/answers/" + ordered.get(0) + "/position" + query + "&aligned_below=40")))
			.contains(" of " + strict.size() + " answers in the list it was opened from");
		String json = page("/answers/" + third + "/position.json" + query);
		assertThat(json)
			.contains("{\"id\":" + third + ",\"position\":3,\"total\":" + ordered.size() + ",\"in_list\":true}");
	}

	@Test
	void hostileTextIsShownEscapedOnBothPages() throws Exception {
		Set<String> pages = new java.util.LinkedHashSet<>();
		pages.add(BROWSER + "?limit=100&more=model");
		// spaces as %20: MockMvc reads a '+' in a query as a '+', where a server reads a
		// space
		pages.add(BROWSER + "?group="
				+ java.net.URLEncoder.encode(AnswerFixture.HOSTILE_GROUP, "UTF-8").replace("+", "%20"));
		for (Answer answer : List.of(all().get(0), all().get(3), all().get(11), all().get(13), all().get(35))) {
			pages.add("/answers/" + answer.dbId());
		}
		for (String url : pages) {
			String html = page(url);
			assertThat(html).as(url)
				.doesNotContain("<script>window", "<img src=x", "<svg", "href=\"javascript:", "onerror=\"window",
						"onload=window.__pwned=1>");
			Matcher script = Pattern.compile("<script[^>]*>").matcher(html);
			while (script.find()) {
				assertThat(script.group()).as("no inline script on " + url).contains(" src=\"");
			}
		}
		String browser = page(BROWSER + "?limit=100&more=model");
		assertThat(browser).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;",
				"&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;", "[click me](javascript:window.__pwned=1)",
				"&quot;&gt;&lt;svg onload=window.__pwned=1&gt;");
		String question = page("/answers/" + all().get(11).dbId());
		assertThat(Html.text(question)).contains("What about " + AnswerFixture.SCRIPT + "?",
				"[click me](" + AnswerFixture.JS_LINK + ")");
		assertThat(Html.links(question, "question-link")).singleElement()
			.satisfies((link) -> assertThat(link.href())
				.isEqualTo("/d/hostile/questions/%22%3E%3Csvg%20onload=window.__pwned=1%3E"));
	}

}
