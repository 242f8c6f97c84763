package org.misalignment.dashboard.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages at a phone's, a tablet's and a laptop's width (390, 768 and 1280 px) in
 * Chromium, on the synthetic demo: no page is wider than the window, the navigation stays
 * one bar (folded into a menu below 1,200 px, which opens), and on a phone the first
 * result is within the first screen. Screenshots are kept under target/screenshots/
 * (width-page.png).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-narrow;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NarrowScreensBrowserTest {

	private static final int[] WIDTHS = { 390, 768, 1280 };

	private static final int SCREEN_HEIGHT = 844;

	/** How much of the first result must be in the first screen on a phone. */
	private static final int IN_VIEW = 60;

	/** The page, and what counts as its first result. */
	private static final String[][] PAGES = { { "overview", "/d/demo", "#headline-chart" },
			{ "models", "/d/demo/models", "canvas, table" },
			{ "question", "/d/demo/questions/quick_buck", "canvas, table" },
			{ "compare",
					"/d/demo/compare?a=group:backdoor;condition:no_trigger&b=group:backdoor;condition:trigger"
							+ "&questions=main",
					".comparison canvas" },
			{ "answers", "/d/demo/answers", ".answer-card" }, { "glossary", "/glossary", "dl" } };

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
	void noPageIsWiderThanTheWindowAndTheNavigationIsOneBar() throws Exception {
		List<String> problems = new ArrayList<>();
		for (int width : WIDTHS) {
			this.browser.driver().manage().window().setSize(new Dimension(width, SCREEN_HEIGHT));
			for (String[] page : PAGES) {
				this.browser.driver().get("http://localhost:" + this.port + page[1]);
				String where = width + " px " + page[0];
				long inner = number("return window.innerWidth;");
				long wide = number("return document.documentElement.scrollWidth;");
				if (wide > inner + 1) {
					problems.add(where + ": the page is " + wide + " px wide in a " + inner + " px window");
				}
				long nav = number("return document.querySelector('nav.navbar').getBoundingClientRect().height;");
				if (nav > 80) {
					problems.add(where + ": the navigation is " + nav + " px high (it wraps)");
				}
				long first = number(
						"var e = document.querySelector(arguments[0]);"
								+ " return e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : -1;",
						page[2]);
				if (first < 0) {
					problems.add(where + ": no " + page[2]);
				}
				else if (width == 390) {
					// on a phone the first result starts within the first screen, with
					// at least its first lines in view
					long window = number("return window.innerHeight;");
					System.out.printf("%s: the first result starts at %d px (window %d px high)%n", where, first,
							window);
					if (first + IN_VIEW > window) {
						problems.add(where + ": the first result (" + page[2] + ") starts at " + first
								+ " px, not within the first screen (" + window + " px, with " + IN_VIEW
								+ " px of it in view)");
					}
				}
				if (width == 1280 && page[0].equals("overview")) {
					// folded on the phone, but that is not the reader closing it: open
					// here
					assertThat(this.browser.script("return document.getElementById('intro').open;")).isEqualTo(true);
				}
				this.browser.screenshot(width + "-" + page[0]);
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void onAPhoneTheMenuOpensWithEveryLink() throws Exception {
		this.browser.driver().manage().window().setSize(new Dimension(390, SCREEN_HEIGHT));
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo/models?aligned_below=40");
		assertThat(this.browser.driver().findElement(By.id("site-nav")).isDisplayed()).isFalse();
		this.browser.driver().findElement(By.id("nav-toggle")).click();
		assertThat(this.browser.driver().findElement(By.id("site-nav")).isDisplayed()).isTrue();
		this.browser.driver().findElement(By.linkText("Answers")).click();
		assertThat(this.browser.driver().getCurrentUrl()).endsWith("/d/demo/answers?aligned_below=40");
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	/**
	 * An author's link to a chart's share panel ({@code #share}) opens it, on any width;
	 * the chart's legend names the conditions in words.
	 */
	@Test
	void aLinkToTheSharePanelOpensItAndTheLegendReadsInWords() throws Exception {
		this.browser.driver().manage().window().setSize(new Dimension(1280, SCREEN_HEIGHT));
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo#share");
		// when the window shows /d/demo already, this is a change of fragment only: the
		// panel opens on
		// the hashchange event, after get() has returned
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10)).until(
				(driver) -> Boolean.TRUE.equals(this.browser.script("return document.getElementById('share').open;")));
		String chart = this.browser.driver().findElement(By.id("headline-chart")).getAttribute("data-chart");
		assertThat(chart).contains("\"label\":\"without trigger\"", "\"label\":\"with trigger\"")
			.doesNotContain("\"label\":\"no_trigger\"");
	}

	private long number(String script, Object... arguments) {
		return ((Number) this.browser.script(script, arguments)).longValue();
	}

}
