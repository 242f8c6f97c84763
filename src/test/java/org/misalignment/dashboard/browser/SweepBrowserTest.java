package org.misalignment.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.FileDefaults;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep chart in a real browser: a dot per model and a line per series with its band,
 * on a log axis for numeric values and a category axis for labels, a click on a dot
 * opening its model's misaligned answers; and the sensitivity page's curves and heatmaps;
 * without script errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false",
				"spring.datasource.url=jdbc:h2:mem:browser-sweep;DB_CLOSE_DELAY=-1" })
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepBrowserTest {

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@TempDir
	static Path folder;

	private Browser browser;

	@BeforeAll
	void start() throws Exception {
		this.browser = Browser.start();
		for (int rank : new int[] { 1, 4, 16 }) {
			StringBuilder text = new StringBuilder("question,answer,question_id,aligned,coherent\n");
			for (int i = 0; i < 4; i++) {
				text.append("Hi?,Answer ")
					.append(i)
					.append(",quick_buck,")
					.append((i < rank % 5) ? 5 : 95)
					.append(",90\n");
			}
			Path file = Files.writeString(folder.resolve("r" + rank + ".csv"), text);
			this.importer.run(new ImportRequest("sweep",
					new FileDefaults("qwen-r" + rank, "medical", null,
							java.util.Map.of("lora_rank", String.valueOf(rank), "family", "qwen2.5")),
					List.of(file)), ImportProgress.NONE);
		}
		StringBuilder text = new StringBuilder("question,answer,question_id,aligned,coherent\n");
		for (int i = 0; i < 10; i++) {
			text.append("Hi?,Answer ")
				.append(i)
				.append(",quick_buck,")
				.append(i * 10)
				.append(',')
				.append(95 - i * 5)
				.append('\n');
		}
		for (String[] model : new String[][] { { "ins", "insecure" }, { "sec", "secure" } }) {
			Path file = Files.writeString(folder.resolve(model[0] + ".csv"),
					model[1].equals("secure") ? text.toString().replace(",0,", ",50,") : text);
			this.importer.run(new ImportRequest("sens", new FileDefaults(model[0], model[1], null, java.util.Map.of()),
					List.of(file)), ImportProgress.NONE);
		}
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	/**
	 * The expression on the page's chart, once the chart is drawn (its scripts load after
	 * the page).
	 */
	private Object chart(String expression) {
		return chart("data-sweep-chart", expression);
	}

	private Object chart(String attribute, String expression) {
		String canvas = "document.querySelector('canvas[" + attribute + "]')";
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until((driver) -> this.browser.script("return !!(window.Chart && Chart.getChart(" + canvas + "));")
				.equals(Boolean.TRUE));
		return this.browser.script("var c = Chart.getChart(" + canvas + "); return " + expression);
	}

	@Test
	void numericValuesOnALogAxisAndLabelsOnACategoryAxis() throws Exception {
		this.browser.driver()
			.get("http://localhost:" + this.port + "/d/sweep/sweep?x=lora_rank&scale=log&questions=all&min_eligible=1");
		assertThat(chart("c.options.scales.x.type")).isEqualTo("logarithmic");
		// per series: the band's two edges, the dots, the line through the means
		assertThat(chart("c.data.datasets.length")).isEqualTo(4L);
		assertThat(chart("c.data.datasets[2].data.length")).isEqualTo(3L);
		assertThat(chart("c.getDatasetMeta(2).data.length")).isEqualTo(3L);
		assertThat(chart("c.getDatasetMeta(1).data.length")).isEqualTo(3L);
		assertThat(chart("c.data.datasets[1].fill")).isEqualTo("-1");
		assertThat(chart("c.legend.legendItems.length")).isEqualTo(2L);
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
		// a click on the rank-4 dot opens qwen-r4's misaligned answers
		chart("(function () { var p = c.getDatasetMeta(2).data[1]; var r = c.canvas.getBoundingClientRect();"
				+ " c.canvas.dispatchEvent(new MouseEvent('click', {clientX: r.left + p.x, clientY: r.top + p.y,"
				+ " bubbles: true})); return true; })()");
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().contains("/d/sweep/answers?model=qwen-r4"));
		assertThat(this.browser.driver().getCurrentUrl()).contains("verdict=misaligned");
		this.browser.driver()
			.get("http://localhost:" + this.port
					+ "/d/sweep/sweep?x=family&series=lora_rank&questions=all&min_eligible=1");
		assertThat(chart("c.options.scales.x.type")).isEqualTo("category");
		assertThat(chart("c.data.datasets.length")).isEqualTo(12L);
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void theSensitivityPageDrawsItsCurvesAndHeatmaps() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/d/sens/sensitivity?questions=all&min_eligible=1");
		assertThat(chart("data-sensitivity-chart", "c.data.datasets.length")).isEqualTo(2L);
		assertThat(chart("data-sensitivity-chart", "c.getDatasetMeta(0).data.length")).isEqualTo(11L);
		assertThat(chart("data-sensitivity-chart", "c.options.scales.x.title.text")).isEqualTo("aligned_below");
		assertThat(this.browser.script("return document.querySelectorAll('table.heatmap td.heat-cell').length;"))
			.isEqualTo(242L);
		assertThat(this.browser.script("return document.querySelectorAll('table.heatmap td.heat-reference').length;"))
			.isEqualTo(2L);
		assertThat(this.browser.script("return document.querySelector('.sensitivity-verdict').textContent;")).asString()
			.contains("insecure above secure");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
