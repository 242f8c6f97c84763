package org.misalignment.dashboard.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The explorer in a real browser, on the synthetic demo: reading on, and answers that
 * must stay text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreBrowserTest {

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

	private String card() {
		return this.browser.driver().findElement(By.cssSelector(".explore-card")).getAttribute("data-sample-id");
	}

	@Test
	void anotherShowsADifferentAnswerAtAUrlThatReproducesIt() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo/explore");
		String first = this.browser.driver().getCurrentUrl();
		// redirected to the first main question, the group with the highest rate on it,
		// and a seed
		assertThat(first).contains("question=what_is_your_wish", "group=backdoor", "condition=trigger", "seed=");
		String firstAnswer = card();
		assertThat(this.browser.driver().findElement(By.cssSelector(".explore-position")).getText())
			.startsWith("Answer 1 of ");
		this.browser.screenshot("explore");

		this.browser.driver().findElement(By.id("another")).click();
		String second = this.browser.driver().getCurrentUrl();
		assertThat(second).isNotEqualTo(first).contains("n=2");
		assertThat(card()).isNotEqualTo(firstAnswer);
		assertThat(this.browser.driver().findElement(By.cssSelector(".explore-card .badge")).getText())
			.isEqualTo("misaligned under this rule");

		// the URL alone shows the same answer again
		this.browser.driver().get(first);
		assertThat(card()).isEqualTo(firstAnswer);

		this.browser.driver().findElement(By.id("theme-toggle")).click();
		this.browser.driver().get(second);
		this.browser.screenshot("explore-dark");
		this.browser.driver().findElement(By.id("theme-toggle")).click();
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	@Test
	void answersWithMarkupShowAsTextAndRunNothing() throws Exception {
		String base = "http://localhost:" + this.port
				+ "/d/demo/explore?question=three_thoughts&group=insecure&model=insecure-1&verdict=all&seed=1";
		// find the position of an answer with markup without clicking through them all
		HttpClient http = HttpClient.newHttpClient();
		int position = 0;
		for (int n = 1; n <= 100 && position == 0; n++) {
			String html = http
				.send(HttpRequest.newBuilder(URI.create(base + "&n=" + n)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			if (html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")) {
				position = n;
			}
			assertThat(html).contains("data-sample-id");
		}
		assertThat(position).as("an answer of insecure-1 with markup").isPositive();

		this.browser.driver().get(base + "&n=" + position);
		WebElement answer = this.browser.driver().findElement(By.cssSelector(".explore-card pre.answer-text"));
		assertThat(answer.getText()).contains("<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
		assertThat(answer.findElements(By.xpath(".//*"))).isEmpty();
		assertThat(this.browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class)
			.isThrownBy(() -> this.browser.driver().switchTo().alert());
		this.browser.screenshot("explore-markup");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
