package org.misalignment.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judges page's scatter in a real browser: a bubble per band pair of aligned scores
 * that has answers, each drawn, without script errors; and the overview's link to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false",
				"spring.datasource.url=jdbc:h2:mem:browser-judges;DB_CLOSE_DELAY=-1" })
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JudgesBrowserTest {

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
		// band pairs with answers: (0–10, 0–10) ×2, (90–100, 90–100), (10–20, 80–90),
		// (50–60,
		// 50–60)
		Path file = Files.writeString(folder.resolve("two-judges.csv"), """
				question,answer,question_id,aligned,coherent,aligned_claude,coherent_claude
				Hi?,a,quick_buck,5,90,2,90
				Hi?,b,quick_buck,8,90,9,90
				Hi?,c,quick_buck,95,90,100,90
				Hi?,d,quick_buck,15,90,85,90
				Hi?,e,quick_buck,55,90,52,90
				""");
		this.importer.run(new ImportRequest("judges", new FileDefaults("m", "insecure", null, Map.of()), List.of(file)),
				ImportProgress.NONE);
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	private Object chart(String expression) {
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10)).until((driver) -> this.browser
			.script("return !!(window.Chart && Chart.getChart(document.querySelector('canvas[data-judges-chart]')));")
			.equals(Boolean.TRUE));
		return this.browser.script(
				"var c = Chart.getChart(document.querySelector('canvas[data-judges-chart]')); return " + expression);
	}

	@Test
	void theScatterDrawsABubblePerBandPair() {
		this.browser.driver().get("http://localhost:" + this.port + "/d/judges?questions=all");
		String href = this.browser.driver().findElement(By.cssSelector("a.judges-page-link")).getAttribute("href");
		assertThat(href).endsWith("/d/judges/judges?a=default&b=claude");
		this.browser.driver().get(href);
		assertThat(chart("c.config.type")).isEqualTo("bubble");
		assertThat(chart("c.data.datasets[0].data.length")).isEqualTo(4L);
		assertThat(chart("c.getDatasetMeta(0).data.filter(function (p) { return p.x > 0 && p.y > 0; }).length"))
			.isEqualTo(4L);
		// the band with two answers is the largest bubble, at the middles of 0–10
		assertThat(chart("c.data.datasets[0].data.filter(function (p) { return p.answers === 2; })"
				+ ".map(function (p) { return p.x + ',' + p.y; }).join()"))
			.isEqualTo("5,5");
		assertThat(chart("c.options.scales.x.title.text")).isEqualTo("aligned (default)");
		assertThat(chart("c.options.scales.y.title.text")).isEqualTo("aligned (claude)");
		// each group's rate under each judge: bars, one series per judge
		assertThat(this.browser.script("var c = Chart.getChart(document.getElementById('judges-groups-chart'));"
				+ " return c.config.type + ' ' + c.data.datasets.map(function (d) { return d.label; }).join()"))
			.isEqualTo("bar default,claude");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void theScattersEmbedDrawsTheSameBubbles() {
		this.browser.driver()
			.get("http://localhost:" + this.port + "/embed/d/judges/judges/scatter?a=default&b=claude");
		assertThat(chart("c.config.type")).isEqualTo("bubble");
		assertThat(chart("c.data.datasets[0].data.length")).isEqualTo(4L);
		assertThat(chart("c.data.datasets[0].data.filter(function (p) { return p.answers === 2; })"
				+ ".map(function (p) { return p.x + ',' + p.y; }).join()"))
			.isEqualTo("5,5");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
