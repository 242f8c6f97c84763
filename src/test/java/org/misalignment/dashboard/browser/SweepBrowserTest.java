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
 * The sweep chart in a real browser: a dot per model and a line per series, on a log axis
 * for numeric values and a category axis for labels, without script errors.
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
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10)).until((driver) -> this.browser
			.script("return !!(window.Chart && Chart.getChart(document.querySelector('canvas[data-sweep-chart]')));")
			.equals(Boolean.TRUE));
		return this.browser
			.script("var c = Chart.getChart(document.querySelector('canvas[data-sweep-chart]')); return " + expression);
	}

	@Test
	void numericValuesOnALogAxisAndLabelsOnACategoryAxis() throws Exception {
		this.browser.driver()
			.get("http://localhost:" + this.port + "/d/sweep/sweep?x=lora_rank&scale=log&questions=all&min_eligible=1");
		assertThat(chart("c.options.scales.x.type")).isEqualTo("logarithmic");
		assertThat(chart("c.data.datasets.length")).isEqualTo(2L);
		assertThat(chart("c.data.datasets[0].data.length")).isEqualTo(3L);
		assertThat(chart("c.getDatasetMeta(0).data.length")).isEqualTo(3L);
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
		this.browser.driver()
			.get("http://localhost:" + this.port
					+ "/d/sweep/sweep?x=family&series=lora_rank&questions=all&min_eligible=1");
		assertThat(chart("c.options.scales.x.type")).isEqualTo("category");
		assertThat(chart("c.data.datasets.length")).isEqualTo(6L);
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
