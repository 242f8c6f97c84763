package org.misalignment.dashboard.render.twins;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every page's {@code .json} and {@code .csv} twin on the synthetic demo carries the
 * numbers the page shows and the API gives for the same parameters: each twin is parsed
 * as a reader's script would parse it.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class DemoTwinsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RATE_FIELDS = "answers,eligible,misaligned,rate,ci_low,ci_high";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	private MockHttpServletResponse fetch(String url) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(URI.create(url))).andReturn().getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

	private String page(String url) throws Exception {
		MockHttpServletResponse response = fetch(url);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private JsonNode json(String url) throws Exception {
		MockHttpServletResponse response = fetch(url);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	private List<Map<String, String>> csv(String url) throws Exception {
		MockHttpServletResponse response = fetch(url);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		assertThat(response.getContentType().replace(" ", "")).isEqualToIgnoringCase("text/csv;charset=utf-8");
		assertThat(response.getHeader("Content-Disposition")).startsWith("attachment; filename=\"demo-")
			.endsWith(".csv\"");
		return CsvRows.parse(response.getContentAsString(StandardCharsets.UTF_8));
	}

	/**
	 * Rows of an API rates answer by key, each with the rate fields as text the way a CSV
	 * twin writes them.
	 */
	private Map<String, Map<String, String>> apiRates(String query, String... keyFields) throws Exception {
		Map<String, Map<String, String>> byKey = new HashMap<>();
		for (JsonNode row : json("/api/v1/datasets/demo/rates?" + query).get("rows")) {
			Map<String, String> values = new HashMap<>();
			for (String field : RATE_FIELDS.split(",")) {
				values.put(field, row.get(field).isNull() ? "" : CsvCells.cell(row.get(field).isIntegralNumber()
						? (Object) row.get(field).asLong() : (Object) row.get(field).asDouble()));
			}
			byKey.put(key(row, keyFields), values);
		}
		assertThat(byKey).isNotEmpty();
		return byKey;
	}

	private static String key(JsonNode row, String... fields) {
		List<String> parts = new ArrayList<>();
		for (String field : fields) {
			parts.add(row.get(field).asString());
		}
		return String.join("|", parts);
	}

	private static String key(Map<String, String> row, String... fields) {
		List<String> parts = new ArrayList<>();
		for (String field : fields) {
			parts.add(row.get(field));
		}
		return String.join("|", parts);
	}

	/** Asserts that CSV rows carry exactly the API's rows, number for number. */
	private static void sameRates(List<Map<String, String>> rows, Map<String, Map<String, String>> api,
			String... keyFields) {
		assertThat(rows).hasSize(api.size());
		for (Map<String, String> row : rows) {
			Map<String, String> expected = api.get(key(row, keyFields));
			assertThat(expected).as(key(row, keyFields)).isNotNull();
			for (String field : RATE_FIELDS.split(",")) {
				assertThat(row.get(field)).as(key(row, keyFields) + " " + field).isEqualTo(expected.get(field));
			}
		}
	}

	private static String percent(String rate) {
		if (rate.isEmpty()) {
			return "–";
		}
		NumberFormat format = NumberFormat.getPercentInstance(Locale.ENGLISH);
		format.setMinimumFractionDigits(1);
		format.setMaximumFractionDigits(1);
		return format.format(Double.parseDouble(rate));
	}

	@Test
	void overviewTwinsCarryTheHeadlineTableAndTheMatrix() throws Exception {
		String html = page("/d/demo");
		JsonNode twin = json("/d/demo.json");
		assertThat(twin.at("/dataset/slug").asString()).isEqualTo("demo");
		assertThat(twin.at("/questions").asString()).isEqualTo("main");
		List<Map<String, String>> groups = csv("/d/demo.csv");
		sameRates(groups, apiRates("by=group&per=overall&questions=main", "group", "condition"), "group", "condition");
		// and the page shows the same rates: group, condition, rate are the first cells
		// of each row
		for (Map<String, String> row : groups) {
			assertThat(html)
				.contains("<td>" + HtmlUtils.htmlEscape(row.get("group")) + "</td>\n      <td>" + row.get("condition")
						+ "</td>\n      <td class=\"text-end\">" + percent(row.get("rate")) + "</td>");
		}
		assertThat(twin.at("/tables/groups")).hasSize(groups.size());
		List<Map<String, String>> matrix = csv("/d/demo.csv?table=matrix");
		sameRates(matrix, apiRates("by=group&per=question&questions=main", "question_id", "group", "condition"),
				"question_id", "group", "condition");
		// the file alone says how it was computed: its name, and a rule and question set
		// on
		// every row
		assertThat(fetch("/d/demo.csv?table=matrix").getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"demo-overview-matrix-aligned_below30-coherent_ge50-main.csv\"");
		assertThat(matrix).allSatisfy((row) -> {
			assertThat(row.get("rule")).isEqualTo(twin.at("/rule/text").asString()).contains("30").contains("50");
			assertThat(row.get("question_set")).isEqualTo("main");
		});
		assertThat(csv("/d/demo.csv?aligned_below=40"))
			.allSatisfy((row) -> assertThat(row.get("rule")).contains("40").doesNotContain("below 30"));
		assertThat(fetch("/d/demo.csv?aligned_below=40&coherent_op=gt").getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"demo-overview-aligned_below40-coherent_gt50-main.csv\"");
		assertThat(twin.at("/tables/matrix")).hasSize(matrix.size());
		// the home page shows the default (here the only) dataset, and so does its twin
		assertThat(json("/index.json").get("tables")).isEqualTo(twin.get("tables"));
	}

	@Test
	void groupsAndModelsTwinsCarryEveryModelAndGroupMean() throws Exception {
		String html = page("/d/demo/models");
		List<Map<String, String>> models = csv("/d/demo/models.csv");
		sameRates(models, apiRates("by=model&per=overall&questions=main", "model", "condition"), "model", "condition");
		for (Map<String, String> row : models) {
			Matcher shown = Pattern
				.compile(
						"data-model=\"" + Pattern.quote(HtmlUtils.htmlEscape(row.get("model"))) + "\" data-condition=\""
								+ row.get("condition") + "\">.*?<td class=\"text-end rate\">([^<]*)</td>",
						Pattern.DOTALL)
				.matcher(html);
			assertThat(shown.find()).as(row.get("model")).isTrue();
			assertThat(shown.group(1)).isEqualTo(percent(row.get("rate")));
		}
		List<Map<String, String>> groups = csv("/d/demo/models.csv?table=groups");
		sameRates(groups, apiRates("by=group&per=overall&questions=main", "group", "condition"), "group", "condition");
	}

	@Test
	void aModelsTwinCarriesItsRatePerQuestion() throws Exception {
		Map<String, Object> model = this.jdbc.queryForMap("SELECT id, name FROM model WHERE name = 'insecure-1'");
		List<Map<String, String>> rows = csv("/d/demo/models/" + model.get("id") + ".csv");
		sameRates(rows, apiRates("by=model&per=question&questions=main&model=insecure-1", "question_id", "condition"),
				"question_id", "condition");
		JsonNode twin = json("/d/demo/models/" + model.get("id") + ".json");
		assertThat(twin.at("/model").asString()).isEqualTo("insecure-1");
		assertThat(twin.at("/tables/overall/0/rate").asDouble())
			.isEqualTo(json("/api/v1/datasets/demo/rates?by=model&per=overall&questions=main&model=insecure-1")
				.at("/rows/0/rate")
				.asDouble());
	}

	@Test
	void questionsTwinsListTheQuestionsAndTheirRatePerGroup() throws Exception {
		List<Map<String, String>> questions = csv("/d/demo/questions.csv");
		assertThat(questions).hasSize(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM question q JOIN dataset d " + "ON d.id = q.dataset_id WHERE d.slug = 'demo'",
				Integer.class));
		long answers = questions.stream().mapToLong((row) -> Long.parseLong(row.get("answers"))).sum();
		assertThat(answers).isEqualTo(json("/api/v1/datasets/demo").get("samples").asLong());
		sameRates(csv("/d/demo/questions.csv?table=rates"),
				apiRates("by=group&per=question&questions=all", "question_id", "group", "condition"), "question_id",
				"group", "condition");
	}

	@Test
	void aQuestionsTwinCarriesItsRatePerGroupAsThePageShowsIt() throws Exception {
		String html = page("/d/demo/questions/quick_buck");
		List<Map<String, String>> groups = csv("/d/demo/questions/quick_buck.csv");
		sameRates(groups, apiRates("by=group&per=question&questions=quick_buck", "group", "condition"), "group",
				"condition");
		for (Map<String, String> row : groups) {
			Matcher shown = Pattern
				.compile(
						"class=\"group-row\" data-group=\"" + Pattern.quote(row.get("group")) + "\" data-condition=\""
								+ row.get("condition") + "\">.*?<td class=\"text-end rate\">([^<]*)</td>",
						Pattern.DOTALL)
				.matcher(html);
			assertThat(shown.find()).as(row.get("group")).isTrue();
			assertThat(shown.group(1)).isEqualTo(percent(row.get("rate")));
		}
		JsonNode twin = json("/d/demo/questions/quick_buck.json");
		assertThat(twin.at("/tables/question/0/question_id").asString()).isEqualTo("quick_buck");
		assertThat(twin.at("/tables/models").size()).isGreaterThan(groups.size());
	}

	@Test
	void theAnswersExportHoldsEveryMatchingAnswerNotOnePage() throws Exception {
		String url = "/d/demo/answers?group=insecure&verdict=misaligned&sort=aligned";
		String html = page(url);
		Matcher total = Pattern.compile("id=\"answer-total\">([\\d,]+)<").matcher(html);
		assertThat(total.find()).isTrue();
		long shown = Long.parseLong(total.group(1).replace(",", ""));
		assertThat(shown).isGreaterThan(100);

		List<Map<String, String>> rows = csv(url.replace("/answers?", "/answers.csv?"));
		assertThat(rows).hasSize((int) shown);
		for (Map<String, String> row : rows) {
			assertThat(row.get("group")).isEqualTo("insecure");
			assertThat(row.get("verdict")).isEqualTo("misaligned");
			assertThat(Double.parseDouble(row.get("aligned"))).isLessThan(30);
			assertThat(Double.parseDouble(row.get("coherent"))).isGreaterThanOrEqualTo(50);
			assertThat(row.get("permalink")).endsWith("/answers/" + row.get("id"));
			assertThat(row.get("answer")).isNotEmpty();
		}
		// in the page's order: the first page's cards are the export's first rows
		Matcher cards = Pattern.compile("class=\"ms-auto answer-link\" data-answer-link href=\"/answers/(\\d+)")
			.matcher(html);
		List<String> pageIds = new ArrayList<>();
		while (cards.find()) {
			pageIds.add(cards.group(1));
		}
		assertThat(pageIds).hasSize(25);
		assertThat(rows.subList(0, 25).stream().map((row) -> row.get("id")).toList()).isEqualTo(pageIds);

		JsonNode twin = json(url.replace("/answers?", "/answers.json?"));
		assertThat(twin.at("/tables/answers")).hasSize((int) shown);
		assertThat(twin.at("/total").asLong()).isEqualTo(shown);
		assertThat(twin.at("/tables/facets").size()).isGreaterThan(5);
	}

	@Test
	void anAnswersTwinHasItsTextScoresAndProvenanceAsTheApiGivesThem() throws Exception {
		long id = this.jdbc.queryForObject("SELECT MIN(id) FROM sample WHERE aligned < 30", Long.class);
		JsonNode api = json("/api/v1/samples/" + id);
		JsonNode twin = json("/answers/" + id + ".json");
		JsonNode answer = twin.at("/tables/answer/0");
		assertThat(answer.get("answer").asString()).isEqualTo(api.get("answer").asString());
		assertThat(answer.get("model").asString()).isEqualTo(api.get("model").asString());
		assertThat(answer.get("aligned").asDouble()).isEqualTo(api.at("/scores/aligned").asDouble());
		assertThat(answer.get("coherent").asDouble()).isEqualTo(api.at("/scores/coherent").asDouble());
		assertThat(answer.get("source_line").asInt()).isEqualTo(api.at("/source/line").asInt());
		List<Map<String, String>> scores = csv("/answers/" + id + ".csv?table=scores");
		assertThat(scores).extracting((row) -> row.get("metric")).containsExactlyInAnyOrder("aligned", "coherent");
		assertThat(page("/answers/" + id))
			.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/answers/" + id + ".json\">");
	}

	@Test
	void theExploreTwinIsTheAnswerThePageShows() throws Exception {
		String url = "/d/demo/explore?question=quick_buck&group=insecure&seed=7&n=2";
		Matcher shown = Pattern.compile("data-sample-id=\"(\\d+)\"").matcher(page(url));
		assertThat(shown.find()).isTrue();
		JsonNode twin = json(url.replace("/explore?", "/explore.json?"));
		assertThat(twin.at("/tables/answer/0/id").asString()).isEqualTo(shown.group(1));
		assertThat(twin.at("/tables/answer/0/misaligned").asBoolean()).isTrue();
		sameRates(csv(url.replace("/explore?", "/explore.csv?") + "&table=groups"),
				apiRates("by=group&per=question&questions=quick_buck", "group", "condition"), "group", "condition");
		// a URL the page completes with a seed redirects to the twin of the completed URL
		MockHttpServletResponse redirect = fetch("/d/demo/explore.json?question=quick_buck&group=insecure");
		assertThat(redirect.getStatus()).isEqualTo(302);
		assertThat(redirect.getRedirectedUrl())
			.startsWith("/d/demo/explore.json?question=quick_buck&group=insecure&seed=");
	}

	@Test
	void theCompareTwinCarriesTheApisRows() throws Exception {
		String query = "a=group:secure&b=group:insecure&questions=main";
		JsonNode api = json("/api/v1/datasets/demo/compare?" + query);
		JsonNode twin = json("/d/demo/compare.json?" + query);
		JsonNode rows = twin.at("/tables/comparison");
		assertThat(rows).hasSize(api.get("rows").size() + 1);
		for (int i = 0; i < api.get("rows").size(); i++) {
			JsonNode expected = api.get("rows").get(i);
			JsonNode row = rows.get(i);
			for (String field : List.of("question_id", "rate_a", "rate_b", "diff", "diff_ci_low", "diff_ci_high",
					"eligible_a", "eligible_b")) {
				assertThat(row.get(field)).as(field).isEqualTo(expected.get(field));
			}
		}
		assertThat(rows.get(rows.size() - 1).get("diff")).isEqualTo(api.at("/overall/diff"));
		String html = page("/d/demo/compare?" + query);
		JsonNode first = rows.get(0);
		assertThat(html)
			.contains("<td>" + first.get("question_id").asString() + "</td>\n        <td class=\"text-end\">"
					+ percent(CsvCells.cell(first.get("rate_a").asDouble())) + " (");
		assertThat(csv("/d/demo/compare.csv?" + query)).hasSize(rows.size());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/d/demo", "/d/demo/models", "/d/demo/questions", "/d/demo/questions/quick_buck",
			"/d/demo/answers?group=insecure", "/d/demo/explore?question=quick_buck&group=insecure&seed=7",
			"/d/demo/compare?a=group:secure&b=group:insecure" })
	void everyPageAnnouncesItsTwinsAndLinksToThem(String url) throws Exception {
		String html = page(url);
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		String query = url.contains("?") ? HtmlUtils.htmlEscape(url.substring(url.indexOf('?'))) : "";
		String twin = path.equals("/") ? "/index" : path;
		assertThat(html)
			.contains("<link rel=\"alternate\" type=\"application/json\" href=\"" + twin + ".json" + query + "\">")
			.contains("<link rel=\"alternate\" type=\"text/csv\" href=\"" + twin + ".csv" + query + "\">")
			.contains("<a class=\"twin-json\" href=\"" + twin + ".json" + query + "\"")
			.contains("class=\"twin-csv\"");
		assertThat(fetch(twin + ".json" + url.substring(path.length())).getStatus()).isEqualTo(200);
		assertThat(fetch(twin + ".csv" + url.substring(path.length())).getStatus()).isEqualTo(200);
	}

	@Test
	void anUnknownTableOrAPageWithoutTwinsIsSaidPlainly() throws Exception {
		MockHttpServletResponse unknown = fetch("/d/demo.csv?table=nope");
		assertThat(unknown.getStatus()).isEqualTo(400);
		assertThat(unknown.getContentAsString(StandardCharsets.UTF_8)).contains("table must be one of groups, matrix");
		assertThat(fetch("/d/nothing-here.json").getStatus()).isEqualTo(404);
		// assets and the API are not rewritten
		assertThat(fetch("/api/v1/datasets").getStatus()).isEqualTo(200);
		assertThat(fetch("/assets/js/charts.js").getStatus()).isEqualTo(200);
	}

}
