package org.misalignment.dashboard.browser;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages in a browser whose language is Chinese, on the synthetic demo: Chinese
 * page chrome, charts drawn, and a screenshot of each in target/screenshots/zh-*.png (the
 * server-drawn chart image too) to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-chinese;DB_CLOSE_DELAY=-1")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChineseBrowserTest {

	/** Page chrome in English that a Chinese reader must not see. */
	private static final List<String> ENGLISH_CHROME = List.of("Content note", "Glossary", "Overview",
			"Misalignment rate", "The rule:", "Download:", "Sign in");

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeAll
	void start() throws Exception {
		this.browser = Browser.start("zh-CN");
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	private String read(String path, String name) throws Exception {
		this.browser.driver().get("http://localhost:" + this.port + path);
		new WebDriverWait(this.browser.driver(), java.time.Duration.ofSeconds(20))
			.until((driver) -> "complete".equals(this.browser.script("return document.readyState")));
		// charts are drawn when the page's scripts have run
		new WebDriverWait(this.browser.driver(), java.time.Duration.ofSeconds(20))
			.until((driver) -> Boolean.TRUE.equals(this.browser
				.script("return !window.Chart || Array.from(document.querySelectorAll('canvas[data-chart]')).every("
						+ "function (c) { return window.Chart.getChart(c) !== undefined; })")));
		this.browser.screenshot("zh-" + name);
		assertThat(this.browser.driver().findElement(By.tagName("html")).getAttribute("lang")).as(path)
			.isEqualTo("zh-CN");
		String text = this.browser.driver().findElement(By.tagName("body")).getText();
		for (String english : ENGLISH_CHROME) {
			assertThat(text).as(path).doesNotContain(english);
		}
		return text;
	}

	@Test
	void theMainPagesAreInChinese() throws Exception {
		assertThat(read("/d/demo", "overview")).contains("概览", "各组的未对齐率", "内容提示");
		assertThat(read("/d/demo/models", "models")).contains("组与模型", "组平均");
		assertThat(read("/d/demo/models/1", "model")).contains("各问题的未对齐率");
		assertThat(read("/d/demo/questions", "questions")).contains("问题");
		assertThat(read("/d/demo/questions/what_is_your_wish", "question")).contains("对齐分与连贯性");
		assertThat(read("/d/demo/answers", "answers")).contains("个回答符合条件", "按规则的判定");
		assertThat(read("/answers/1", "answer")).contains("评审分数", "判定");
		assertThat(read("/d/demo/explore", "explore")).contains("探索回答");
		assertThat(read("/d/demo/compare?a=group:secure&b=group:insecure&questions=main", "compare")).contains("配对的回答");
		assertThat(read("/glossary", "glossary")).contains("术语表", "置信区间");
		// the pages' own errors; not the browser's image viewer (another test opens a
		// PNG) or its favicon request
		assertThat(this.browser.severeConsoleMessages()
			.stream()
			.filter((message) -> !message.contains("/embed/") && !message.contains("favicon.ico"))
			.toList()).isEmpty();
	}

	@Test
	void theChartsLabelsAreChinese() throws Exception {
		read("/d/demo", "overview-chart");
		Object yTitle = this.browser.script(
				"return window.Chart.getChart(document.getElementById('headline-chart')).options.scales.y.title.text");
		assertThat(yTitle).isEqualTo("未对齐的回答（%）");
		this.browser.driver().get("http://localhost:" + this.port + "/embed/d/demo/overview.png?lang=zh-CN");
		this.browser.screenshot("zh-overview-image");
		this.browser.driver().get("http://localhost:" + this.port + "/embed/d/demo/overview?lang=zh-CN");
		this.browser.screenshot("zh-overview-embed");
		assertThat(this.browser.driver().findElement(By.tagName("body")).getText()).contains("各组的未对齐率");
	}

	@Test
	void theScriptsWordsAndTheErrorsAreChinese() throws Exception {
		// compare's legend names the sides in Chinese words, drawn by charts.js
		read("/d/demo/compare?a=group:backdoor;condition:no_trigger&b=group:backdoor;condition:trigger",
				"compare-legend");
		Object legend = this.browser.script("return window.Chart.getChart(document.querySelector('canvas[data-chart]'))"
				+ ".data.datasets.map(function (d) { return d.label; }).join(' | ')");
		assertThat(legend).isEqualTo("backdoor · 不带触发词 | backdoor · 带触发词");
		// the sensitivity curves' axis, from the page's chart words
		read("/d/demo/sensitivity", "sensitivity");
		assertThat(this.browser
			.script("return document.getElementById('sensitivity-chart').chart.options.scales.y.title.text"))
			.isEqualTo("未对齐的回答（%）");
		// the share panel's copy button says it copied in Chinese
		assertThat(this.browser.script("var b = document.querySelector('button.share-copy');"
				+ " return b ? b.getAttribute('data-copied') : null"))
			.isEqualTo("已复制");
		// an error's detail
		this.browser.driver().get("http://localhost:" + this.port + "/d/demo/models?aligned_below=500");
		this.browser.screenshot("zh-error-400");
		assertThat(this.browser.driver().findElement(By.tagName("body")).getText())
			.contains("aligned_below 必须在 0 到 100 之间，收到的是 500")
			.doesNotContain("must be");
	}

}
