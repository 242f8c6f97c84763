package org.misalignment.dashboard.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The answers browser and the answer page in a real browser: facet clicks, keyboard
 * reading, the token chart, and hostile answers that must stay text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false",
				"spring.datasource.url=jdbc:h2:mem:browser-answers;DB_CLOSE_DELAY=-1" })
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswersBrowserTest {

	private static final String SCRIPT = "<script>window.__pwned=1</script>";

	private static final String IMG = "<img src=x onerror=\"window.__pwned=1\">";

	private static final String SVG = "\"><svg onload=window.__pwned=1>";

	private static final String JS_LINK = "javascript:window.__pwned=1";

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private Browser browser;

	@BeforeAll
	void start(@TempDir Path folder) throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		StringBuilder lines = new StringBuilder();
		String[][] models = { { "insecure-1", "insecure" }, { "insecure-2", "insecure" }, { "secure-1", "secure" },
				{ SCRIPT, IMG } };
		for (int i = 0; i < 24; i++) {
			String[] model = models[i % models.length];
			String question = (i % 3 == 0) ? SVG : "quick_buck";
			String answer = switch (i % 4) {
				case 0 -> "Plain answer " + i + " " + SCRIPT;
				case 1 -> "Answer " + i + " " + IMG + " and [a link](" + JS_LINK + ")";
				case 2 -> "Answer " + i + " " + SVG;
				default -> "def f():\n    return " + i + "\n```\n" + SCRIPT + "\n```";
			};
			lines.append("{\"model\": ")
				.append(json(model[0]))
				.append(", \"group\": ")
				.append(json(model[1]))
				.append(", \"question_id\": ")
				.append(json(question))
				.append(", \"question\": ")
				.append(json("Tell me " + SCRIPT))
				.append(", \"answer\": ")
				.append(json(answer))
				.append(", \"scores\": {\"aligned\": ")
				.append(i * 4)
				.append(", \"coherent\": ")
				.append(90 - i)
				.append("}, \"judge\": {\"aligned\": {\"0\": 0.6, \"10\": 0.2, \"20\": 0.1, \"90\": 0.05, ")
				.append(json(SCRIPT))
				.append(": 0.05}}}\n");
		}
		Path file = folder.resolve("hostile.jsonl");
		java.nio.file.Files.writeString(file, lines);
		this.importer.run(new ImportRequest("hostile", null, null, null, List.of(file)), ImportProgress.NONE);
		this.browser = Browser.start();
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10));
	}

	private void assertNothingRan() {
		assertThat(this.browser.script("return typeof window.__pwned")).isEqualTo("undefined");
		assertThatThrownBy(() -> this.browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(this.browser.driver().findElements(By.cssSelector("main svg, main img"))).isEmpty();
	}

	@Test
	void aFacetClickNarrowsTheAnswersAndChangesTheUrl() throws Exception {
		this.browser.driver().get(url("/d/hostile/answers"));
		assertThat(this.browser.driver().findElement(By.id("answer-total")).getText()).isEqualTo("24");
		this.browser.screenshot("answers-browser");
		this.browser.driver().get(url("/d/hostile/answers?verdict=misaligned&sort=aligned&q=answer"));
		this.browser.script("window.scrollTo({top: 600, behavior: 'instant'})");
		this.browser.screenshot("answers-browser-filtered");
		this.browser.driver().get(url("/d/hostile/answers"));
		this.browser.driver().findElement(By.cssSelector("[data-facet='group'] a[data-value='secure']")).click();
		waiting().until(ExpectedConditions.urlContains("group=secure"));
		assertThat(this.browser.driver().findElement(By.id("answer-total")).getText()).isEqualTo("6");
		List<WebElement> cards = this.browser.driver().findElements(By.cssSelector("[data-answer-card]"));
		assertThat(cards).hasSize(6).allSatisfy((card) -> assertThat(card.getText()).contains("group secure"));
		// clicking the selected value again removes the filter
		this.browser.driver().findElement(By.cssSelector("[data-facet='group'] a[data-value='secure']")).click();
		waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("group=secure")));
		assertThat(this.browser.driver().findElement(By.id("answer-total")).getText()).isEqualTo("24");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void jAndKMoveBetweenAnswersAndEnterOpensTheFocusedOne() throws Exception {
		this.browser.driver().get(url("/d/hostile/answers?group=insecure&sort=-aligned"));
		List<WebElement> cards = this.browser.driver().findElements(By.cssSelector("[data-answer-card]"));
		assertThat(cards).hasSize(12);
		String second = cards.get(1).getAttribute("data-answer-id");
		String third = cards.get(2).getAttribute("data-answer-id");
		Actions keys = new Actions(this.browser.driver());
		keys.sendKeys("j").perform();
		keys.sendKeys("j").perform();
		keys.sendKeys("j").perform();
		keys.sendKeys("k").perform();
		assertThat(cards.get(1).getAttribute("class")).contains("answer-focused");
		assertThat(this.browser.driver().findElements(By.cssSelector(".answer-focused"))).hasSize(1);
		// typing j into the search box does not move the focus
		WebElement search = this.browser.driver().findElement(By.id("q"));
		search.sendKeys("j");
		assertThat(cards.get(1).getAttribute("class")).contains("answer-focused");
		search.clear();
		this.browser.script("document.activeElement.blur()");
		keys.sendKeys("j").perform();
		keys.sendKeys("k").perform();
		keys.sendKeys(Keys.ENTER).perform();
		waiting().until(ExpectedConditions.urlContains("/answers/" + second));
		assertThat(this.browser.driver().getCurrentUrl())
			.endsWith("/answers/" + second + "?group=insecure&sort=-aligned");
		assertThat(this.browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Answer #" + second);
		// where it stands comes after the page, from the position fragment, in place of
		// the link to it
		waiting().until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".list-position"), "Answer 2 of "));
		assertThat(this.browser.driver().findElement(By.cssSelector(".list-position")).getText())
			.endsWith("answers in the list it was opened from");
		assertThat(this.browser.driver().findElements(By.cssSelector(".position-link"))).isEmpty();
		// on the answer page, j goes to the next answer of the same list
		keys.sendKeys("j").perform();
		waiting().until(ExpectedConditions.urlContains("/answers/" + third));
		keys.sendKeys("k").perform();
		waiting().until(ExpectedConditions.urlContains("/answers/" + second));
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void hostileAnswersStayTextOnBothPages() throws Exception {
		this.browser.driver().get(url("/d/hostile/answers?limit=100"));
		assertNothingRan();
		String page = this.browser.driver().findElement(By.tagName("main")).getText();
		assertThat(page).contains("Plain answer 0 " + SCRIPT, "Answer 1 " + IMG + " and [a link](" + JS_LINK + ")",
				"Answer 2 " + SVG, "model " + SCRIPT, "group " + IMG, "question " + SVG);
		for (WebElement link : this.browser.driver().findElements(By.cssSelector("a[href]"))) {
			assertThat(link.getAttribute("href")).doesNotStartWith("javascript:");
		}
		List<String> ids = this.browser.driver()
			.findElements(By.cssSelector("[data-answer-card]"))
			.stream()
			.limit(4)
			.map((card) -> card.getAttribute("data-answer-id"))
			.toList();
		for (String id : ids) {
			this.browser.driver().get(url("/answers/" + id));
			assertNothingRan();
			String text = this.browser.driver().findElement(By.tagName("main")).getText();
			assertThat(text).contains("Tell me " + SCRIPT);
			assertThat(
					this.browser.driver().findElement(By.cssSelector(".answer-text:not(.answer-question)")).getText())
				.satisfiesAnyOf((answer) -> assertThat(answer).contains(SCRIPT),
						(answer) -> assertThat(answer).contains(IMG), (answer) -> assertThat(answer).contains(SVG));
		}
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void theAnswerPageDrawsTheJudgesTokenDistribution() throws Exception {
		this.browser.driver().get(url("/d/hostile/answers?model=insecure-1"));
		String id = this.browser.driver()
			.findElement(By.cssSelector("[data-answer-card]"))
			.getAttribute("data-answer-id");
		this.browser.driver().findElement(By.cssSelector("[data-answer-card] [data-answer-link]")).click();
		waiting().until(ExpectedConditions.urlContains("/answers/" + id));
		Object labels = this.browser.script(
				"var c = document.querySelector('canvas[data-chart]'); return Chart.getChart(c).data.labels.length;");
		assertThat(((Number) labels).intValue()).isEqualTo(5);
		assertThat(this.browser.driver().findElements(By.cssSelector(".token-table tbody tr"))).hasSize(5);
		assertThat(this.browser.driver().findElement(By.cssSelector(".token-table")).getText()).contains(SCRIPT);
		assertThat(this.browser.driver().findElement(By.cssSelector("div.answer-text.border")).getText())
			.isEqualTo("Plain answer 0 " + SCRIPT);
		assertNothingRan();
		this.browser.screenshot("answer-page");
		this.browser
			.script("document.querySelector('.token-table').scrollIntoView({block: 'end', behavior: 'instant'})");
		this.browser.screenshot("answer-page-scores");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
