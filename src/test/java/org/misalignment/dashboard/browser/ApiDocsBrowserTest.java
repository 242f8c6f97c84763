package org.misalignment.dashboard.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's browsable documentation at {@code /api/docs} under the site's CSP
 * ({@code script-src 'self'}, no inline script): Swagger UI loads, lists the API's
 * operations, and the browser reports no violation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-catalog;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsBrowserTest {

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
	void swaggerUiListsTheRatesEndpointUnderTheSitesContentSecurityPolicy() {
		this.browser.driver().get("http://localhost:" + this.port + "/api/docs");
		List<WebElement> operations = new WebDriverWait(this.browser.driver(), Duration.ofSeconds(20))
			.until((driver) -> {
				List<WebElement> found = driver.findElements(By.cssSelector(".opblock-summary-path"));
				return found.size() >= 6 ? found : null;
			});
		assertThat(operations.stream().map((operation) -> operation.getAttribute("data-path")))
			.contains("/api/v1/datasets/{slug}/rates", "/api/v1/datasets/{slug}/compare", "/api/v1/samples/{id}");
		// opening an operation renders its parameters, with the rule's four among them
		operations.stream()
			.filter((operation) -> "/api/v1/datasets/{slug}/rates".equals(operation.getAttribute("data-path")))
			.findFirst()
			.orElseThrow()
			.click();
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until((driver) -> !driver.findElements(By.cssSelector("tr[data-param-name='aligned_below']")).isEmpty());
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

}
