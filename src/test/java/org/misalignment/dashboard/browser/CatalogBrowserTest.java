package org.misalignment.dashboard.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.web.catalog.HostileDataset;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The groups and models pages and the question pages in a real browser, on the synthetic
 * demo and on a dataset of hostile names: the charts are drawn with the API's numbers, a
 * scatter point opens its answer, and no dataset text runs as script.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-catalog;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogBrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private Browser browser;

	@BeforeAll
	void start(@TempDir Path folder) throws Exception {
		this.browser = Browser.start();
		HostileDataset.importInto(this.importer, folder);
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	/**
	 * Opens a page and waits until the browser has read all of it: on this machine
	 * ChromeDriver's get() has been seen to return while the long questions page was
	 * still being parsed (5 or 16 of its 30 rows there).
	 */
	private void open(String path) {
		String url = "http://localhost:" + this.port + path;
		this.browser.driver().get(url);
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(20))
			.until((driver) -> url.equals(driver.getCurrentUrl())
					&& "complete".equals(this.browser.script("return document.readyState;")));
	}

	private JsonNode api(String pathAndQuery) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** What Chart.js was given for the chart of this canvas. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> chartData(String canvasId) {
		return (Map<String, Object>) this.browser
			.script("var chart = Chart.getChart(document.getElementById(arguments[0]));"
					+ "return chart ? {labels: chart.data.labels, datasets: chart.data.datasets.map(function (d) {"
					+ "  return {label: d.label, data: d.data, intervals: d.intervals || null, points: d.data.length}; })} : null;",
					canvasId);
	}

	/**
	 * A screenshot of the whole page, not just the window: the window grows to the page's
	 * height for it.
	 */
	private void screenshot(String name) throws Exception {
		long height = (long) this.browser.script("return document.documentElement.scrollHeight;");
		this.browser.driver().manage().window().setSize(new Dimension(1280, (int) Math.min(height + 100, 5000)));
		Thread.sleep(300);
		this.browser.screenshot(name);
		this.browser.driver().manage().window().setSize(new Dimension(1280, 1000));
	}

	/** Chart.js shows a percentage rounded to two decimals, as charts.js does. */
	private static double percent(JsonNode value) {
		return Math.round(value.asDouble() * 10000) / 100.0;
	}

	@Test
	@SuppressWarnings("unchecked")
	void questionPageDrawsTheGroupRatesWithTheApiIntervalsAndTheScatterOpensAnAnswer() throws Exception {
		open("/d/demo/questions/quick_buck");
		JsonNode rows = api("/api/v1/datasets/demo/rates?by=group&per=question&questions=quick_buck").get("rows");
		Map<String, Object> bars = chartData("question-chart");
		assertThat(bars).as("the rate chart is drawn").isNotNull();
		List<String> labels = (List<String>) bars.get("labels");
		List<Map<String, Object>> datasets = (List<Map<String, Object>>) bars.get("datasets");
		assertThat(labels).containsExactlyElementsOf(rows.findValuesAsString("group").stream().distinct().toList());
		assertThat(datasets).extracting((d) -> d.get("label")).containsExactly("without trigger", "with trigger");
		int drawnBars = 0;
		for (Map<String, Object> dataset : datasets) {
			drawnBars += (int) ((List<Object>) dataset.get("data")).stream().filter((v) -> v != null).count();
		}
		assertThat(drawnBars).as("one bar per group and condition").isEqualTo(rows.size());
		for (JsonNode row : rows) {
			Map<String, Object> dataset = datasets.get(row.get("condition").asString().equals("no_trigger") ? 0 : 1);
			int i = labels.indexOf(row.get("group").asString());
			Number value = (Number) ((List<Object>) dataset.get("data")).get(i);
			assertThat(value.doubleValue()).isCloseTo(percent(row.get("rate")), within(1e-9));
			List<Number> interval = (List<Number>) ((List<Object>) dataset.get("intervals")).get(i);
			assertThat(interval.get(0).doubleValue()).isCloseTo(percent(row.get("ci_low")), within(1e-9));
			assertThat(interval.get(1).doubleValue()).isCloseTo(percent(row.get("ci_high")), within(1e-9));
		}

		WebElement scatter = this.browser.driver().findElement(By.id("question-scatter"));
		Map<String, Object> thresholds = (Map<String, Object>) this.browser
			.script("return Chart.getChart(arguments[0]).options.plugins.thresholdLines;", scatter);
		assertThat(((Number) thresholds.get("alignedBelow")).doubleValue()).isEqualTo(30);
		assertThat(((Number) thresholds.get("coherentMin")).doubleValue()).isEqualTo(50);
		long shown = (long) this.browser.script("return Chart.getChart(arguments[0]).data.datasets"
				+ ".reduce(function (n, d) { return n + d.data.length; }, 0);", scatter);
		String note = this.browser.driver().findElement(By.className("scatter-note")).getText();
		assertThat(note).startsWith("Showing " + shown + " of ");
		assertThat(shown).isBetween(1L, 2000L);
		screenshot("question");

		// click the first misaligned point where the browser drew it
		List<Number> where = (List<Number>) this.browser.script("var chart = Chart.getChart(arguments[0]);"
				+ "var point = chart.getDatasetMeta(0).data[0]; var box = arguments[0].getBoundingClientRect();"
				+ "return [point.x - box.width / 2, point.y - box.height / 2];", scatter);
		List<Object> ids = new ArrayList<>((List<Object>) this.browser
			.script("var chart = Chart.getChart(arguments[0]);"
					+ "return chart.data.datasets[0].data.concat(chart.data.datasets[1].data).map(function (p) { return p.id; });",
					scatter));
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
		new Actions(this.browser.driver()).moveToElement(scatter, where.get(0).intValue(), where.get(1).intValue())
			.click()
			.perform();
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().matches(".*/answers/\\d+$"));
		String url = this.browser.driver().getCurrentUrl();
		long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
		assertThat(ids).contains(id);
		// the answer page is another page's work; until it exists, its 404 (and the
		// favicon of the plain error
		// page the server sends instead) are the only messages allowed
		assertThat(this.browser.severeConsoleMessages()).allMatch((message) -> message.contains("404")
				&& (message.contains("/answers/" + id) || message.contains("/favicon.ico")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void modelsPageDrawsOneBarPerModel() throws Exception {
		open("/d/demo/models?condition=no_trigger");
		JsonNode rows = api("/api/v1/datasets/demo/rates?by=model&per=overall&questions=main&condition=no_trigger")
			.get("rows");
		Map<String, Object> chart = chartData("models-chart");
		assertThat(chart).isNotNull();
		List<String> labels = (List<String>) chart.get("labels");
		assertThat(labels).hasSize(rows.size()).containsExactlyInAnyOrderElementsOf(rows.findValuesAsString("model"));
		List<Map<String, Object>> datasets = (List<Map<String, Object>>) chart.get("datasets");
		assertThat(datasets).hasSize(1);
		assertThat((List<Object>) datasets.get(0).get("data")).hasSize(labels.size()).doesNotContainNull();
		assertThat(this.browser.driver().findElements(By.cssSelector("tr.model-row"))).hasSize(rows.size());
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
		open("/d/demo/models");
		screenshot("models");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	@SuppressWarnings("unchecked")
	void modelPageDrawsOneBarPerQuestionAndSeriesPerCondition() throws Exception {
		long id = this.jdbc.queryForObject("SELECT m.id FROM model m JOIN dataset d ON d.id = m.dataset_id "
				+ "WHERE d.slug = 'demo' AND m.name = 'backdoor-2'", Long.class);
		open("/d/demo/models/" + id);
		Map<String, Object> chart = chartData("model-chart");
		assertThat(chart).isNotNull();
		assertThat((List<String>) chart.get("labels")).hasSize(8);
		assertThat((List<Map<String, Object>>) chart.get("datasets")).extracting((d) -> d.get("label"))
			.containsExactly("without trigger", "with trigger");
		screenshot("model");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void questionsPageListsTheQuestionsByCategory() throws Exception {
		open("/d/demo/questions");
		assertThat(this.browser.driver().findElements(By.cssSelector("tr.question-row"))).hasSize(30);
		assertThat(this.browser.driver().findElement(By.cssSelector(".category-heading")).getText()).isEqualTo("main");
		screenshot("questions");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void hostileNamesNeverRunAsScript() throws Exception {
		long id = this.jdbc.queryForObject("SELECT id FROM model WHERE name = ?", Long.class, HostileDataset.MODEL_B);
		open("/d/hostile/questions");
		// follow the link to the question whose id is markup with a slash in it
		this.browser.driver().findElement(By.cssSelector("tr.question-row a")).click();
		assertThat(this.browser.driver().findElement(By.tagName("h1")).getText()).isIn(HostileDataset.QUESTION_A,
				HostileDataset.QUESTION_B);
		for (String path : List.of("/d/hostile/models?questions=all", "/d/hostile/models/" + id + "?questions=all",
				"/d/hostile/questions", "/d/hostile/questions/quick_buck",
				"/d/hostile/questions/%3Cscript%3Ewindow.__pwned=1%3C/script%3E")) {
			open(path);
			assertThat(this.browser.script("return typeof window.__pwned;")).as(path).isEqualTo("undefined");
			assertThat(this.browser.driver().findElement(By.tagName("main")).getText()).as(path)
				.contains(HostileDataset.IMG);
			assertThat(this.browser.severeConsoleMessages()).as(path).isEmpty();
		}
		open("/d/hostile/models/" + id + "?questions=all");
		screenshot("model-hostile");
		open("/d/hostile/questions/quick_buck");
		screenshot("question-hostile");
	}

}
