package org.misalignment.dashboard.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An author's page on another site (another origin: a small JDK HTTP server on its own
 * port) embeds charts in iframes: the embedded chart is drawn, and a page that is not an
 * embed refuses to be framed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedBrowserTest {

	@LocalServerPort
	private int port;

	private Browser browser;

	private HttpServer otherSite;

	private final AtomicReference<String> snippet = new AtomicReference<>("");

	@BeforeAll
	void start() throws Exception {
		this.browser = Browser.start();
		this.otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// an author's page holding the iframe snippet the share panel gave
		this.otherSite.createContext("/snippet", (exchange) -> {
			byte[] body = ("<!DOCTYPE html><html><head><title>Another post</title></head><body>" + this.snippet.get()
					+ "</body></html>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.otherSite.createContext("/", (exchange) -> {
			String dashboard = "http://localhost:" + this.port;
			String html = "<!DOCTYPE html><html><head><title>A blog post</title></head><body>"
					+ "<h1>My post about emergent misalignment</h1>" + "<iframe id=\"embed\" src=\"" + dashboard
					+ "/embed/d/demo/overview?theme=dark\" width=\"800\" height=\"560\"></iframe>"
					+ "<iframe id=\"page\" src=\"" + dashboard + "/d/demo\" width=\"800\" height=\"300\"></iframe>"
					+ "</body></html>";
			byte[] body = html.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.otherSite.start();
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.otherSite != null) {
			this.otherSite.stop(0);
		}
	}

	@Test
	void aChartEmbeddedInAnotherSitesPageIsDrawnAndOtherPagesRefuseTheFrame() throws IOException {
		this.browser.driver().get("http://127.0.0.1:" + this.otherSite.getAddress().getPort() + "/");
		WebElement frame = this.browser.driver().findElement(By.id("embed"));
		this.browser.driver().switchTo().frame(frame);
		WebElement canvas = new WebDriverWait(this.browser.driver(), Duration.ofSeconds(20))
			.until((driver) -> driver.findElement(By.id("embedded-chart")));
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(20))
			.until((driver) -> this.browser.script("return !!(window.Chart && Chart.getChart(arguments[0]))", canvas));
		Number bars = (Number) this.browser.script("var chart = Chart.getChart(arguments[0]); var bars = 0;"
				+ " chart.data.datasets.forEach(function (d, i) { chart.getDatasetMeta(i).data.forEach(function (bar, j) {"
				+ " if (d.data[j] !== null) { bars++; } }); }); return bars;", canvas);
		assertThat(bars.intValue()).as("one bar per group and condition of the demo").isEqualTo(7);
		// pixels drawn on the canvas, not only a chart object
		Number painted = (Number) this.browser.script(
				"var c = arguments[0]; var data = c.getContext('2d')"
						+ ".getImageData(0, 0, c.width, c.height).data; var n = 0;"
						+ " for (var i = 3; i < data.length; i += 4) { if (data[i] !== 0) { n++; } } return n;",
				canvas);
		assertThat(painted.intValue()).isGreaterThan(1000);
		assertThat(this.browser.script("return document.documentElement.getAttribute('data-bs-theme')"))
			.isEqualTo("dark");
		assertThat(this.browser.driver().findElements(By.tagName("nav"))).isEmpty();
		assertThat(this.browser.driver().findElement(By.className("full-page-link")).getAttribute("href"))
			.endsWith("/d/demo");
		this.browser.driver().switchTo().defaultContent();
		this.browser.screenshot("embed-in-another-site");

		// the overview page itself may not be framed: the browser blocks it, so no page
		// of ours is inside
		this.browser.driver().switchTo().frame(this.browser.driver().findElement(By.id("page")));
		assertThat(this.browser.driver().findElements(By.id("headline-chart"))).isEmpty();
		this.browser.driver().switchTo().defaultContent();
		// and says why on the console
		List<String> messages = new ArrayList<>();
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10)).until((driver) -> {
			messages.addAll(this.browser.severeConsoleMessages());
			return messages.stream().anyMatch((message) -> message.contains("frame-ancestors 'none'"));
		});
		assertThat(messages).allMatch((message) -> message.contains("frame-ancestors 'none'"));
	}

	@Test
	void theSharePanelOpensWithCopyButtonsAndItsEmbedLinkWorks() throws IOException {
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo");
		WebElement panel = this.browser.driver().findElement(By.id("share"));
		this.browser.script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", panel);
		panel.findElement(By.tagName("summary")).click();
		WebElement copy = panel.findElement(By.cssSelector("button[data-copy='share-markdown']"));
		assertThat(copy.isDisplayed()).as("share.js shows the copy buttons").isTrue();
		this.browser.script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", copy);
		copy.click();
		assertThat(this.browser.driver().findElement(By.id("share-markdown")).getAttribute("value"))
			.startsWith("[![Misalignment rate per group, main questions](http://localhost:" + this.port
					+ "/embed/d/demo/overview.png?");
		this.browser.script("arguments[0].scrollIntoView({behavior: 'instant'})", panel);
		this.browser.screenshot("share-panel");
		// the embed link it gives opens the embed
		this.browser.driver().get(panel.findElement(By.linkText("embed page")).getAttribute("href"));
		assertThat(this.browser.driver().findElement(By.id("embedded-chart")).isDisplayed()).isTrue();
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	/**
	 * The panel's theme and width choices rewrite its snippets in place, without a new
	 * page; the iframe it then gives shows the whole embed at that width, in that theme,
	 * without scrolling.
	 */
	@Test
	void theSharePanelsChoicesRewriteItsSnippetsAndTheIframeHoldsTheWholeEmbed() throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo#share");
		this.browser.script("window.stillThisPage = true;");
		WebElement panel = this.browser.driver().findElement(By.id("share"));
		choose(panel, "Dark");
		choose(panel, "600 px");
		assertThat(this.browser.script("return window.stillThisPage === true")).as("no new page").isEqualTo(true);
		assertThat(this.browser.driver().getCurrentUrl()).endsWith("/d/demo#share");
		assertThat(value("share-png")).contains("/embed/d/demo/overview.png?").endsWith("&theme=dark&width=600");
		assertThat(value("share-svg")).endsWith("&theme=dark&width=600");
		assertThat(value("share-markdown")).contains("overview.png?").contains("&theme=dark&width=600)");
		assertThat(value("share-iframe")).contains("&amp;theme=dark\"", " width=\"600\" ");
		assertThat(value("share-permalink")).doesNotContain("theme=", "width=");
		assertThat(panel.findElement(By.className("share-open-png")).getAttribute("href")).endsWith("width=600");
		assertThat(panel.findElement(By.linkText("Dark")).getAttribute("aria-current")).isEqualTo("true");
		assertThat(panel.findElement(By.linkText("Light")).getAttribute("class")).doesNotContain("active");
		assertThat(panel.findElement(By.linkText("800 px")).getAttribute("aria-current")).isNull();
		this.browser.script("arguments[0].scrollIntoView({behavior: 'instant'})", panel);
		this.browser.screenshot("share-panel-dark-600");

		for (String width : List.of("600", "800", "1200")) {
			choose(panel, width + " px");
			this.snippet.set(value("share-iframe"));
			this.browser.driver().get("http://127.0.0.1:" + this.otherSite.getAddress().getPort() + "/snippet");
			WebElement frame = this.browser.driver().findElement(By.tagName("iframe"));
			assertThat(frame.getSize().getWidth()).as(width).isEqualTo(Integer.parseInt(width));
			this.browser.driver().switchTo().frame(frame);
			new WebDriverWait(this.browser.driver(), Duration.ofSeconds(20)).until((driver) -> this.browser
				.script("return !!(window.Chart && Chart.getChart(document.getElementById('embedded-chart')))"));
			assertThat(this.browser.script("return document.documentElement.getAttribute('data-bs-theme')"))
				.isEqualTo("dark");
			Number overflowY = (Number) this.browser
				.script("return document.documentElement.scrollHeight - window.innerHeight");
			Number overflowX = (Number) this.browser
				.script("return document.documentElement.scrollWidth - window.innerWidth");
			assertThat(overflowY.intValue()).as(width + " px: the embed is taller than its iframe")
				.isLessThanOrEqualTo(0);
			assertThat(overflowX.intValue()).as(width + " px: the embed is wider than its iframe")
				.isLessThanOrEqualTo(0);
			this.browser.driver().switchTo().defaultContent();
			this.browser.screenshot("embed-snippet-" + width);
			this.browser.driver().get("http://localhost:" + this.port + "/d/demo#share");
			panel = this.browser.driver().findElement(By.id("share"));
			choose(panel, "Dark");
		}
		assertThat(this.browser.severeConsoleMessages()).isEmpty();
	}

	private void choose(WebElement panel, String words) {
		WebElement choice = panel.findElement(By.linkText(words));
		// the page may still move (the opened panel scrolled to, charts drawn above it)
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.ignoring(ElementClickInterceptedException.class)
			.until((driver) -> {
				this.browser.script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", choice);
				choice.click();
				return true;
			});
	}

	private String value(String id) {
		return this.browser.driver().findElement(By.id(id)).getAttribute("value");
	}

}
