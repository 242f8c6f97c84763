package org.misalignment.dashboard.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.misalignment.dashboard.rates.ConditionLabel;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The overview's headline chart and matrix in a real browser, on the synthetic demo,
 * checked against the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadlineChartBrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeAll
	void start() throws Exception {
		this.browser = Browser.start();
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	private JsonNode api(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	@Test
	@SuppressWarnings("unchecked")
	void headlineChartDrawsOneBarPerGroupAndConditionWithTheApisIntervals() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo");
		WebElement canvas = this.browser.driver().findElement(By.id("headline-chart"));
		assertThat(canvas.isDisplayed()).isTrue();
		List<String> labels = (List<String>) this.browser.script("return Chart.getChart(arguments[0]).data.labels",
				canvas);
		List<Map<String, Object>> datasets = (List<Map<String, Object>>) this.browser
			.script("return Chart.getChart(arguments[0]).data.datasets.map(function (d) {"
					+ " return {label: d.label, data: d.data, intervals: d.intervals}; })", canvas);
		Number drawn = (Number) this.browser.script("var chart = Chart.getChart(arguments[0]); var bars = 0;"
				+ " chart.data.datasets.forEach(function (d, i) { chart.getDatasetMeta(i).data.forEach(function (bar, j) {"
				+ " if (d.data[j] !== null && chart.isDatasetVisible(i)) { bars++; } }); }); return bars;", canvas);
		// GPT-4o, backdoor without and with the trigger, educational insecure, insecure,
		// jailbroken, secure
		assertThat(drawn.intValue()).isEqualTo(7);

		JsonNode rows = api("/api/v1/datasets/demo/rates?by=group&per=overall&questions=main").get("rows");
		assertThat(rows).hasSize(7);
		for (JsonNode row : rows) {
			Map<String, Object> dataset = datasets.stream()
				.filter((d) -> d.get("label").equals(ConditionLabel.of(row.get("condition").asString())))
				.findFirst()
				.orElseThrow();
			int i = labels.indexOf(row.get("group").asString());
			assertThat(i).isNotNegative();
			double rate = ((Number) ((List<Object>) dataset.get("data")).get(i)).doubleValue();
			List<Number> interval = (List<Number>) ((List<Object>) dataset.get("intervals")).get(i);
			assertThat(rate).isCloseTo(row.get("rate").asDouble() * 100, within(0.01));
			assertThat(interval.get(0).doubleValue()).isCloseTo(row.get("ci_low").asDouble() * 100, within(0.01));
			assertThat(interval.get(1).doubleValue()).isCloseTo(row.get("ci_high").asDouble() * 100, within(0.01));
		}

		// hovering a bar tells its n: the insecure group's eligible answers and models
		JsonNode insecure = null;
		for (JsonNode row : rows) {
			if (row.get("group").asString().equals("insecure")) {
				insecure = row;
			}
		}
		String tooltip = (String) this.browser.script("var chart = Chart.getChart(arguments[0]);"
				+ " var bar = chart.getDatasetMeta(0).data[arguments[1]];"
				+ " chart.tooltip.setActiveElements([{datasetIndex: 0, index: arguments[1]}], {x: bar.x, y: bar.y});"
				+ " chart.update(); return chart.tooltip.body.map(function (b) { return b.lines.join(' '); }).join(' ');",
				canvas, labels.indexOf("insecure"));
		assertThat(tooltip).contains(
				String.format(java.util.Locale.ENGLISH, "%,d eligible answers", insecure.get("eligible").asLong()),
				insecure.get("models").asInt() + " models", "95%");

		WebElement matrix = this.browser.driver().findElement(By.id("rate-matrix"));
		assertThat(matrix.isDisplayed()).isTrue();
		assertThat(matrix.findElements(By.cssSelector("tbody tr"))).hasSize(8);
		assertThat(matrix.findElements(By.cssSelector("thead th"))).hasSize(1 + 7);
		this.browser.script("document.getElementById('rates').scrollIntoView({behavior: 'instant'})");
		this.browser.screenshot("overview-chart");
		this.browser.script("document.getElementById('matrix').scrollIntoView({behavior: 'instant'})");
		this.browser.screenshot("overview-matrix");

		this.browser.script("window.scrollTo({top: 0, behavior: 'instant'})");
		this.browser.driver().findElement(By.id("theme-toggle")).click();
		assertThat(this.browser.script("return document.documentElement.getAttribute('data-bs-theme')"))
			.isEqualTo("dark");
		// the chart is drawn again in the dark theme's colours, with the same numbers
		Number redrawn = (Number) this.browser.script("return Chart.getChart(arguments[0]).data.datasets.length",
				this.browser.driver().findElement(By.id("headline-chart")));
		assertThat(redrawn.intValue()).isEqualTo(2);
		this.browser.script("document.getElementById('rates').scrollIntoView({behavior: 'instant'})");
		this.browser.screenshot("overview-chart-dark");
		this.browser.script("document.getElementById('matrix').scrollIntoView({behavior: 'instant'})");
		this.browser.screenshot("overview-matrix-dark");
		this.browser.script("window.scrollTo({top: 0, behavior: 'instant'})");
		this.browser.driver().findElement(By.id("theme-toggle")).click();
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void aMatrixCellLeadsToItsAnswers() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo?questions=json");
		WebElement cell = this.browser.driver()
			.findElement(By.cssSelector("#rate-matrix tbody tr:first-child td.rate-cell a"));
		assertThat(cell.getAttribute("href")).contains("/d/demo/answers?question=what_is_your_wish_json&group=GPT-4o",
				"condition=no_trigger", "verdict=misaligned");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
