package org.misalignment.dashboard.browser;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compare page in a real browser on the demo: a preset, its charts and the matched
 * answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareBrowserTest {

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

	@Test
	void triggerPresetDrawsBothChartsAndShowsOtherMatchedAnswersOnRequest() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo/compare");
		WebElement preset = this.browser.driver().findElement(By.linkText("Backdoor: no trigger vs trigger"));
		this.browser.script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", preset);
		preset.click();
		assertThat(this.browser.driver().getCurrentUrl()).contains("a=group:backdoor;condition:no_trigger")
			.contains("b=group:backdoor;condition:trigger");
		// 8 main questions and the overall mean, for A and for B
		assertThat(this.browser
			.script("return Chart.getChart(document.querySelector('canvas[data-chart]')).data.labels.length"))
			.isEqualTo(9L);
		assertThat(this.browser
			.script("return Chart.getChart(document.querySelector('canvas[data-chart]')).data.datasets.length"))
			.isEqualTo(2L);
		// one line per backdoor model in the paired chart
		assertThat(this.browser
			.script("return Chart.getChart(document.querySelector('canvas[data-paired-chart]')).data.datasets.length"))
			.isEqualTo(10L);
		List<String> before = answers();
		assertThat(before).isNotEmpty().allSatisfy((text) -> assertThat(text).startsWith("[synthetic demo answer]"));
		this.browser.screenshot("compare");
		WebElement other = this.browser.driver().findElement(By.linkText("Other answers"));
		this.browser.script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", other);
		other.click();
		assertThat(this.browser.driver().getCurrentUrl()).contains("seed=2");
		assertThat(answers()).isNotEqualTo(before);
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	private List<String> answers() {
		return this.browser.driver()
			.findElements(By.cssSelector(".matched-pair pre"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
