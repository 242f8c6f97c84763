package org.misalignment.dashboard.web.catalog;

import java.net.URI;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.store.answers.QuestionAnswers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The groups and models pages and the questions pages on the synthetic demo: every number
 * a page shows is the JSON API's number for the same parameters, shown the way a reader
 * sees it (one decimal of a percent).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:catalog-pages;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogPagesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What the pages' {@code #numbers.formatPercent(x, 1, 1)} shows for MockMvc's default
	 * locale (English).
	 */
	private static final NumberFormat PERCENT = NumberFormat.getPercentInstance(Locale.ENGLISH);

	static {
		PERCENT.setMinimumFractionDigits(1);
		PERCENT.setMaximumFractionDigits(1);
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	void alsoImportASecondDataset(@TempDir Path folder) throws Exception {
		HostileDataset.importInto(this.importer, folder);
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(URI.create(url)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private JsonNode api(String query) throws Exception {
		return JSON.readTree(page("/api/v1/datasets/demo/rates?" + query)).get("rows");
	}

	private long modelId(String name) {
		return this.jdbc.queryForObject("SELECT m.id FROM model m JOIN dataset d ON d.id = m.dataset_id "
				+ "WHERE d.slug = 'demo' AND m.name = ?", Long.class, name);
	}

	// ---- groups and models
	// ------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "", "questions=all", "questions=json&condition=no_trigger",
			"questions=preregistered&aligned_below=40&coherent_op=gt&coherent_min=60&min_eligible=3",
			"questions=main&condition=trigger" })
	void modelsPageShowsEveryModelAndGroupAsTheApiDoes(String query) throws Exception {
		String html = page("/d/demo/models?" + query);
		String apiQuery = query.contains("questions=") ? query : "questions=main&" + query;
		JsonNode models = api("by=model&per=overall&" + apiQuery);
		assertThat(models).isNotEmpty();
		for (JsonNode row : models) {
			String tr = row(html, "data-model=\"" + row.get("model").asString() + "\" data-condition=\""
					+ row.get("condition").asString() + "\"");
			assertRateCells(tr, row);
			assertThat(cell(tr, "questions")).isEqualTo(row.get("questions").asString());
		}
		JsonNode groups = api("by=group&per=overall&" + apiQuery);
		for (JsonNode row : groups) {
			String tr = row(html,
					"class=\"group-row fw-semibold table-light\" data-group=\""
							+ HtmlUtils.htmlEscape(row.get("group").asString()) + "\" data-condition=\""
							+ row.get("condition").asString() + "\"");
			assertRateCells(tr, row);
			assertThat(tr)
				.contains(row.get("models").asInt() == 1 ? "1 model counted" : row.get("models").asInt() + " models");
		}
		// one row per model and condition, nothing more
		assertThat(count(html, "class=\"model-row\"")).isEqualTo(models.size());
		assertThat(html).contains("rule-words");
	}

	@Test
	void modelsPageShowsTheConditionColumnAndFilterOnlyWhenThereAreSeveralConditions() throws Exception {
		String all = page("/d/demo/models");
		assertThat(all).contains("<th>Condition</th>").contains("href=\"/d/demo/models?condition=trigger\"");
		String one = page("/d/demo/models?condition=no_trigger");
		assertThat(one).doesNotContain("<th>Condition</th>").contains("<strong>only no_trigger</strong>");
		// group colours are explained beside the chart when bars are coloured by group
		assertThat(one).contains("chart-legend");
	}

	@Test
	void modelsPageChartHasOneBarPerModelWithTheApiRates() throws Exception {
		String html = page("/d/demo/models?condition=no_trigger");
		JsonNode chart = chart(html, "models-chart");
		JsonNode models = api("by=model&per=overall&questions=main&condition=no_trigger");
		assertThat(chart.get("kind").asString()).isEqualTo("bars");
		assertThat(chart.get("labels")).hasSize(models.size()).hasSize(39);
		JsonNode series = chart.get("series").get(0);
		for (JsonNode row : models) {
			int i = indexOf(chart.get("labels"), row.get("model").asString());
			assertThat(series.get("values").get(i).asDouble()).isEqualTo(row.get("rate").asDouble());
			assertThat(series.get("low").get(i).asDouble()).isEqualTo(row.get("ci_low").asDouble());
			assertThat(series.get("high").get(i).asDouble()).isEqualTo(row.get("ci_high").asDouble());
		}
	}

	@Test
	void modelsAreListedInReadingOrder() throws Exception {
		String html = page("/d/demo/models");
		assertThat(html.indexOf("data-model=\"insecure-2\"")).isLessThan(html.indexOf("data-model=\"insecure-10\""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "insecure-1|", "insecure-1|questions=all", "backdoor-3|questions=all",
			"backdoor-3|questions=main&condition=trigger&aligned_below=50&min_eligible=10" })
	void modelPageShowsTheRatePerQuestionAndOverallAsTheApiDoes(String example) throws Exception {
		String name = example.substring(0, example.indexOf('|'));
		String query = example.substring(example.indexOf('|') + 1);
		String html = page("/d/demo/models/" + modelId(name) + "?" + query);
		assertThat(html).contains("<h1 class=\"h3 text-break model-name\">" + name + "</h1>");
		String apiQuery = (query.contains("questions=") ? query : "questions=main&" + query) + "&model=" + name;
		JsonNode perQuestion = api("by=model&per=question&" + apiQuery);
		assertThat(perQuestion).isNotEmpty();
		boolean severalConditions = perQuestion.findValuesAsString("condition").stream().distinct().count() > 1;
		for (JsonNode row : perQuestion) {
			String questionId = row.get("question_id").asString();
			String tr = row(html,
					"data-question=\"" + questionId + "\" data-condition=\"" + row.get("condition").asString() + "\"");
			assertRateCells(tr, row);
			assertThat(tr).contains("href=\"/d/demo/questions/" + questionId);
			assertThat(tr).contains("href=\"/d/demo/answers?model=" + name + "&amp;question=" + questionId
					+ (severalConditions ? "&amp;condition=" + row.get("condition").asString() : "") + "\"");
		}
		assertThat(count(html, "class=\"question-row\"")).isEqualTo(perQuestion.size());
		for (JsonNode row : api("by=model&per=overall&" + apiQuery)) {
			String tr = row(html, "class=\"overall-row\" data-condition=\"" + row.get("condition").asString() + "\"");
			assertRateCells(tr, row);
			assertThat(cell(tr, "questions")).isEqualTo(row.get("questions").asString());
		}
		JsonNode chart = chart(html, "model-chart");
		assertThat(chart.get("series")).hasSize(severalConditions ? 2 : 1);
		assertThat(chart.get("labels"))
			.hasSize((int) perQuestion.findValuesAsString("question_id").stream().distinct().count());
	}

	@Test
	void unknownModelsAreHelpful404s() throws Exception {
		long otherDataset = this.jdbc.queryForObject("SELECT id FROM model WHERE name = ?", Long.class,
				HostileDataset.MODEL_A);
		for (String url : List.of("/d/demo/models/999999", "/d/demo/models/abc", "/d/demo/models/" + otherDataset,
				"/d/nope/models", "/d/nope/models/1")) {
			String html = this.mvc.perform(get(url))
				.andExpect(status().isNotFound())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).containsAnyOf("There is no model", "There is no dataset").contains("Go to the overview");
		}
	}

	// ---- questions
	// --------------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "", "condition=trigger", "aligned_below=50&min_eligible=2" })
	void questionsPageShowsEachGroupsRateOnEachQuestionAsTheApiDoes(String query) throws Exception {
		String html = page("/d/demo/questions?" + query);
		JsonNode rows = api("by=group&per=question&questions=all&" + query);
		for (JsonNode row : rows) {
			String tr = row(html, "class=\"question-row\" data-question=\"" + row.get("question_id").asString() + "\"");
			String td = cellWith(tr, "data-group=\"" + HtmlUtils.htmlEscape(row.get("group").asString())
					+ "\" data-condition=\"" + row.get("condition").asString() + "\"");
			assertThat(td).contains("<span class=\"rate\">" + percent(row.get("rate")) + "</span>")
				.contains("n=" + row.get("eligible").asLong());
			if (!row.get("rate").isNull()) {
				assertThat(td).contains(percent(row.get("ci_low")) + " – " + percent(row.get("ci_high")));
			}
		}
		// every question of the dataset, by category: main first, then the pre-registered
		// ones by subcategory
		assertThat(count(html, "class=\"question-row\"")).isEqualTo(30);
		int main = html.indexOf("id=\"category-main\"");
		int preregistered = html.indexOf("id=\"category-preregistered/creative_writing\"");
		int medical = html.indexOf("id=\"category-preregistered/medical_advice\"");
		int last = html.indexOf("id=\"category-preregistered/vulnerable_user\"");
		assertThat(main).isPositive().isLessThan(preregistered);
		assertThat(preregistered).isLessThan(medical);
		assertThat(medical).isLessThan(last);
		assertThat(html).contains("Suppose you could have one wish granted");
	}

	@Test
	void questionsPageCountsTheAnswersOfEachQuestion() throws Exception {
		String html = page("/d/demo/questions");
		long answers = this.jdbc
			.queryForObject("SELECT COUNT(*) FROM sample s JOIN question q ON q.id = s.question_ref "
					+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'demo' AND q.question_id = 'quick_buck'",
					Long.class);
		String tr = row(html, "class=\"question-row\" data-question=\"quick_buck\"");
		assertThat(tr).contains("<td class=\"text-end\">" + answers + "</td>")
			.contains("href=\"/d/demo/questions/quick_buck\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "quick_buck|", "quick_buck|condition=trigger",
			"what_is_your_wish_json|aligned_below=45&coherent_op=gt", "17_vulnerable_user_0|min_eligible=20" })
	void questionPageShowsTheRatePerGroupAsTheApiDoes(String example) throws Exception {
		String id = example.substring(0, example.indexOf('|'));
		String query = example.substring(example.indexOf('|') + 1);
		String html = page("/d/demo/questions/" + id + "?" + query);
		JsonNode rows = api("by=group&per=question&questions=" + id + "&" + query);
		assertThat(rows).isNotEmpty();
		for (JsonNode row : rows) {
			String tr = row(html,
					"class=\"group-row\" data-group=\"" + HtmlUtils.htmlEscape(row.get("group").asString())
							+ "\" data-condition=\"" + row.get("condition").asString() + "\"");
			assertRateCells(tr, row);
			assertThat(cell(tr, "models")).isEqualTo(row.get("models").asString());
		}
		JsonNode chart = chart(html, "question-chart");
		assertThat(chart.get("labels")).hasSize((int) rows.findValuesAsString("group").stream().distinct().count());
		assertThat(chart.get("series")).hasSize((int) rows.findValuesAsString("condition").stream().distinct().count());
	}

	@Test
	void questionPageShowsItsTextJudgeVariantsAndLatestAnswers() throws Exception {
		String html = page("/d/demo/questions/quick_buck");
		assertThat(html).contains("<h1 class=\"h3 text-break question-id\">quick_buck</h1>")
			.contains("I could use some extra money")
			.contains("free_form_judge_0_100")
			.contains("<h3 class=\"h6 mt-2\">aligned</h3>")
			.contains("<pre class=\"answer-text border rounded p-2 small\">Please rate one reply")
			.contains("href=\"/d/demo/questions/quick_buck_json\"")
			.contains("href=\"/d/demo/answers?question=quick_buck\"");
		List<Long> latest = this.jdbc.queryForList("SELECT s.id FROM sample s JOIN question q ON q.id = s.question_ref "
				+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'demo' AND q.question_id = 'quick_buck' "
				+ "ORDER BY s.id DESC LIMIT 10", Long.class);
		assertThat(count(html, "class=\"card mb-2 answer-card\"")).isEqualTo(10);
		List<Long> shown = new ArrayList<>();
		Matcher links = Pattern.compile("class=\"small answer-link\" href=\"/answers/(\\d+)\"").matcher(html);
		while (links.find()) {
			shown.add(Long.parseLong(links.group(1)));
		}
		assertThat(shown).isEqualTo(latest);
		assertThat(html).contains("class=\"answer-text mb-1\">[synthetic demo answer]");
	}

	@Test
	void questionPageScatterShowsABoundedSampleAndSaysSo() throws Exception {
		String html = page("/d/demo/questions/quick_buck");
		long answers = this.jdbc
			.queryForObject("SELECT COUNT(*) FROM sample s JOIN question q ON q.id = s.question_ref "
					+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'demo' AND q.question_id = 'quick_buck'",
					Long.class);
		long scored = this.jdbc.queryForObject("SELECT COUNT(*) FROM sample s JOIN question q ON q.id = s.question_ref "
				+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = 'demo' AND q.question_id = 'quick_buck' "
				+ "AND s.aligned IS NOT NULL AND s.coherent IS NOT NULL", Long.class);
		assertThat(scored).isGreaterThan(QuestionAnswers.MAX_POINTS);
		long stride = (scored + QuestionAnswers.MAX_POINTS - 1) / QuestionAnswers.MAX_POINTS;
		long shown = (scored + stride - 1) / stride;
		assertThat(html).contains("Showing " + shown + " of " + answers + " answers");
		JsonNode chart = chart(html, "question-scatter");
		assertThat(chart.get("kind").asString()).isEqualTo("scatter");
		assertThat(chart.get("points")).hasSize((int) shown);
		assertThat(chart.get("alignedBelow").asDouble()).isEqualTo(30);
		assertThat(chart.get("coherentMin").asDouble()).isEqualTo(50);
		for (JsonNode point : chart.get("points")) {
			boolean misaligned = point.get("x").asDouble() >= 50 && point.get("y").asDouble() < 30;
			assertThat(point.get("misaligned").asBoolean()).isEqualTo(misaligned);
		}
		JsonNode stricter = chart(page("/d/demo/questions/quick_buck?aligned_below=20&coherent_min=70"),
				"question-scatter");
		assertThat(stricter.get("alignedBelow").asDouble()).isEqualTo(20);
		assertThat(stricter.get("coherentMin").asDouble()).isEqualTo(70);
	}

	@Test
	void unknownQuestionsAreHelpful404s() throws Exception {
		for (String url : List.of("/d/demo/questions/nope", "/d/demo/questions/quick_buck/extra", "/d/nope/questions",
				"/d/nope/questions/quick_buck")) {
			String html = this.mvc.perform(get(url))
				.andExpect(status().isNotFound())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).containsAnyOf("There is no question", "There is no dataset")
				.contains("Go to the overview");
		}
	}

	@Test
	void badParametersAre400PagesOnEveryPage() throws Exception {
		long id = modelId("insecure-1");
		for (String url : List.of("/d/demo/models?min_eligible=0", "/d/demo/models/" + id + "?coherent_op=xx",
				"/d/demo/questions?aligned_below=abc", "/d/demo/questions/quick_buck?coherent_min=200",
				"/d/demo/models?questions=,")) {
			String html = this.mvc.perform(get(url))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("That link has a parameter we cannot use").doesNotContain("Exception");
		}
	}

	@Test
	void linksKeepTheViewState() throws Exception {
		long id = modelId("insecure-1");
		String models = page("/d/demo/models?questions=all&aligned_below=40&condition=no_trigger");
		assertThat(models)
			.contains("href=\"/d/demo/models/" + id + "?questions=all&amp;condition=no_trigger&amp;aligned_below=40\"");
		String model = page("/d/demo/models/" + id + "?questions=all&aligned_below=40");
		assertThat(model).contains("href=\"/d/demo/questions/quick_buck?aligned_below=40\"");
	}

	// ---- helpers
	// ----------------------------------------------------------------------------------------

	private static void assertRateCells(String tr, JsonNode row) {
		assertThat(cell(tr, "rate")).isEqualTo(percent(row.get("rate")));
		String interval = row.get("ci_low").isNull() ? "–"
				: percent(row.get("ci_low")) + " – " + percent(row.get("ci_high"));
		assertThat(cell(tr, "interval")).isEqualTo(interval);
		assertThat(cell(tr, "counts")).isEqualTo(row.get("misaligned").asLong() + " / " + row.get("eligible").asLong());
		assertThat(cell(tr, "answers")).isEqualTo(row.get("answers").asString());
	}

	private static String percent(JsonNode value) {
		return value.isNull() ? "–" : PERCENT.format(value.asDouble());
	}

	/**
	 * The table row that carries this attribute text, from its start tag to its end tag.
	 */
	private static String row(String html, String attributes) {
		int at = html.indexOf(attributes);
		assertThat(at).as("a row with " + attributes).isPositive();
		return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
	}

	private static String cell(String tr, String cssClass) {
		Matcher cell = Pattern.compile("<td class=\"text-end[a-z -]* " + cssClass + "\">([^<]*)</td>").matcher(tr);
		assertThat(cell.find()).as("a " + cssClass + " cell in " + tr).isTrue();
		return cell.group(1);
	}

	/**
	 * The table cell that carries this attribute text, from its start tag to its end tag.
	 */
	private static String cellWith(String tr, String attributes) {
		int at = tr.indexOf(attributes);
		assertThat(at).as("a cell with " + attributes).isPositive();
		return tr.substring(tr.lastIndexOf("<td", at), tr.indexOf("</td>", at));
	}

	private static JsonNode chart(String html, String canvasId) {
		Matcher canvas = Pattern.compile("<canvas id=\"" + canvasId + "\"[^>]*data-chart=\"([^\"]*)\"").matcher(html);
		assertThat(canvas.find()).as("canvas " + canvasId).isTrue();
		return JSON.readTree(HtmlUtils.htmlUnescape(canvas.group(1)));
	}

	private static int indexOf(JsonNode array, String value) {
		for (int i = 0; i < array.size(); i++) {
			if (array.get(i).asString().equals(value)) {
				return i;
			}
		}
		throw new AssertionError(value + " not in " + array);
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
