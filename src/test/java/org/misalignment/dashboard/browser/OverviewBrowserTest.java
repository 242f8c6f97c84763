package org.misalignment.dashboard.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview in a real browser, on the synthetic demo: the page, its scripts and the
 * content note.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewBrowserTest {

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
	void overviewShowsTheDemoGroupsAndTheContentNoteIsRememberedOnceDismissed() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/");
		assertThat(this.browser.driver().findElements(By.cssSelector("#group-rates tbody tr"))).hasSize(7);
		assertThat(this.browser.driver().findElement(By.tagName("h1")).getText()).contains("synthetic demo data");
		this.browser.screenshot("overview");
		assertThat(this.browser.driver().findElement(By.id("content-note")).isDisplayed()).isTrue();
		this.browser.driver().findElement(By.id("content-note-dismiss")).click();
		this.browser.driver().navigate().refresh();
		assertThat(this.browser.driver().findElement(By.id("content-note")).isDisplayed()).isFalse();
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
