package org.misalignment.dashboard.render.share;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compare chart's legend, on the page, in its embed, its images and its share panel,
 * names the slices in words ("backdoor · with trigger"), not in the slice syntax the URL
 * holds; the page's heading and its twins keep the syntax. Same context as the browser
 * tests (the demo is imported once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareEmbedLegendsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TRIGGER = "a=" + q("group:backdoor;condition:no_trigger") + "&b="
			+ q("group:backdoor;condition:trigger") + "&questions=main";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeAll
	void start() {
		this.http = new Http(this.port);
	}

	private static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void theComparePagesChartsNameTheSlicesInWords() throws Exception {
		String page = this.http.get("/d/demo/compare?" + TRIGGER).body();
		JsonNode bars = JSON.readTree(attribute(page, "data-chart"));
		assertThat(labels(bars.get("series"))).containsExactly("backdoor · without trigger", "backdoor · with trigger");
		JsonNode paired = JSON.readTree(attribute(page, "data-paired-chart"));
		assertThat(paired.get("labels").get(0).asString()).isEqualTo("backdoor · without trigger");
		assertThat(paired.get("labels").get(1).asString()).isEqualTo("backdoor · with trigger");
		// the heading reads in words, with the slices as written under it
		assertThat(page)
			.contains("<span class=\"text-break\">backdoor · with trigger</span> against "
					+ "<span class=\"text-break\">backdoor · without trigger</span>")
			.contains("B <code>group:backdoor;condition:trigger</code> against A "
					+ "<code>group:backdoor;condition:no_trigger</code>");
		// the share panel's title is the embed's
		assertThat(page)
			.contains("Misalignment rate per question, backdoor · without trigger vs backdoor · with trigger");
		// the twin keeps the slices as written
		assertThat(this.http.get("/d/demo/compare.csv?" + TRIGGER).body())
			.contains("group:backdoor;condition:no_trigger");
	}

	@Test
	void theEmbedAndItsImagesShowTheSameWords() throws Exception {
		String embed = this.http.get("/embed/d/demo/compare?" + TRIGGER).body();
		assertThat(labels(JSON.readTree(attribute(embed, "data-chart")).get("series")))
			.containsExactly("backdoor · without trigger", "backdoor · with trigger");
		assertThat(embed)
			.contains("Misalignment rate per question, backdoor · without trigger vs backdoor · with trigger")
			.contains("<td>backdoor · with trigger</td>")
			.doesNotContain("group:backdoor;condition:trigger</td>");

		for (int width : new int[] { 600, 800 }) {
			Svg svg = Svg.parse(this.http.get("/embed/d/demo/compare.svg?width=" + width + "&" + TRIGGER).body());
			assertThat(svg.texts("legend")).as(width + " px")
				.containsExactly("backdoor · without trigger", "backdoor · with trigger");
			assertThat(String.join(" ", svg.texts("title"))).as(width + " px")
				.isEqualTo("Misalignment rate per question, backdoor · without trigger vs backdoor · with trigger");
			assertThat(svg.bars()).isNotEmpty()
				.allSatisfy((bar) -> assertThat(bar.getAttribute("data-series")).isIn("backdoor · without trigger",
						"backdoor · with trigger"));
		}
	}

	@Test
	void slicesWithoutAConditionReadAsTheirGroups() throws Exception {
		String slices = "a=" + q("group:secure") + "&b=" + q("group:insecure") + "&questions=main";
		Svg svg = Svg.parse(this.http.get("/embed/d/demo/compare.svg?" + slices).body());
		assertThat(svg.texts("legend")).containsExactly("secure", "insecure");
		assertThat(String.join(" ", svg.texts("title")))
			.isEqualTo("Misalignment rate per question, secure vs insecure");
	}

	private static List<String> labels(JsonNode series) {
		List<String> labels = new ArrayList<>();
		series.forEach((one) -> labels.add(one.get("label").asString()));
		return labels;
	}

	private static String attribute(String html, String name) {
		Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as(name).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

}
