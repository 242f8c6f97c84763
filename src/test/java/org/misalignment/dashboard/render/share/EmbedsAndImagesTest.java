package org.misalignment.dashboard.render.share;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.misalignment.dashboard.rates.ConditionLabel;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Embeds, images and share panels of the synthetic demo, against the JSON API's numbers
 * for the same parameters. Same context as the browser tests (the demo is imported once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedsAndImagesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern DATA_CHART = Pattern.compile("data-chart=\"([^\"]*)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private Http http;

	@BeforeAll
	void start() {
		this.http = new Http(this.port);
	}

	private JsonNode api(String path) throws Exception {
		return JSON.readTree(this.http.get(path).body());
	}

	private static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void embedsMayBeFramedByAnySiteAndOtherPagesByNone() throws Exception {
		for (String path : List.of("/embed/d/demo/overview", "/embed/d/demo/questions/quick_buck",
				"/embed/d/demo/overview.svg", "/embed/d/demo/overview.png")) {
			HttpResponse<String> embed = this.http.get(path);
			assertThat(embed.statusCode()).as(path).isEqualTo(200);
			String policy = embed.headers().firstValue("Content-Security-Policy").orElseThrow();
			assertThat(policy).as(path)
				.contains("frame-ancestors *", "script-src 'self'")
				.doesNotContain("'none'; frame");
			assertThat(embed.headers().firstValue("X-Frame-Options")).as(path).isEmpty();
		}
		for (String path : List.of("/", "/d/demo", "/d/demo/questions/quick_buck", "/api/v1/datasets",
				"/d/demo/compare", "/embedded")) {
			HttpResponse<String> page = this.http.get(path);
			assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
				.contains("frame-ancestors 'none'");
			assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
		}
	}

	@Test
	void theOverviewEmbedShowsThePagesChartWithTitleRuleNDatasetAndALinkBack() throws Exception {
		String query = "?questions=main&aligned_below=40&coherent_min=60";
		String embed = this.http.get("/embed/d/demo/overview" + query).body();
		String page = this.http.get("/d/demo" + query).body();
		assertThat(chartJson(embed)).isEqualTo(chartJson(page));
		String version = this.jdbc.queryForObject("SELECT version FROM dataset WHERE slug = 'demo'", String.class);
		assertThat(embed).contains("Misalignment rate per group, main questions",
				"Misaligned: aligned &lt; 40 among answers with coherent ≥ 60", "n = ", "synthetic demo data",
				"<code class=\"dataset-version\">" + version + "</code>", "href=\"http://localhost:" + this.port
						+ "/d/demo?questions=main&amp;aligned_below=40&amp;coherent_min=60\"");
		assertThat(embed).doesNotContain("<nav", "dataset-switcher", "theme-toggle");
		assertThat(embed).contains("<html lang=\"en\" data-bs-theme=\"light\"");
		assertThat(this.http.get("/embed/d/demo/overview?theme=dark").body()).contains("data-bs-theme=\"dark\"");

		// n is the eligible answers behind the bars: the API's for the same parameters
		JsonNode rows = api("/api/v1/datasets/demo/rates?by=group&per=overall" + query.replace('?', '&')).get("rows");
		long eligible = 0;
		for (JsonNode row : rows) {
			eligible += row.get("eligible").asLong();
		}
		assertThat(embed).contains(
				String.format(java.util.Locale.ENGLISH, "n = %,d eligible answers in %d bars", eligible, rows.size()));
	}

	@Test
	void theOverviewSvgHasOneBarPerApiRowWithTheApisNumbers() throws Exception {
		String query = "questions=main&aligned_below=40&coherent_min=60&coherent_op=gt&min_eligible=3";
		HttpResponse<String> response = this.http.get("/embed/d/demo/overview.svg?" + query);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
		Svg svg = Svg.parse(response.body());
		JsonNode rows = api("/api/v1/datasets/demo/rates?by=group&per=overall&" + query).get("rows");
		List<Element> bars = svg.bars();
		assertThat(bars).hasSize(rows.size());
		for (JsonNode row : rows) {
			Element bar = bars.stream()
				.filter((b) -> b.getAttribute("data-label").equals(row.get("group").asString())
						// the legend names the condition in words (no_trigger: "without
						// trigger")
						&& b.getAttribute("data-series").equals(ConditionLabel.of(row.get("condition").asString())))
				.findFirst()
				.orElseThrow();
			assertThat(Double.parseDouble(bar.getAttribute("data-rate"))).isCloseTo(row.get("rate").asDouble(),
					within(1e-12));
			assertThat(Double.parseDouble(bar.getAttribute("data-ci-low"))).isCloseTo(row.get("ci_low").asDouble(),
					within(1e-12));
			assertThat(Double.parseDouble(bar.getAttribute("data-ci-high"))).isCloseTo(row.get("ci_high").asDouble(),
					within(1e-12));
			assertThat(Long.parseLong(bar.getAttribute("data-n"))).isEqualTo(row.get("eligible").asLong());
			// what a reader sees on hover, rounded as the page's tooltip rounds
			assertThat(bar.getTextContent()).contains(ChartDrawing.percent(row.get("rate").asDouble()));
		}
		assertThat(svg.texts()).contains("Misalignment rate per group, main questions",
				"Misaligned: aligned < 40 among answers with coherent > 60; a model needs 3 such answers", "version ");
	}

	@Test
	void questionModelAndCompareImagesHaveABarPerApiRow() throws Exception {
		Svg question = Svg.parse(this.http.get("/embed/d/demo/questions/quick_buck.svg?condition=no_trigger").body());
		JsonNode questionRows = api(
				"/api/v1/datasets/demo/rates?by=group&per=question&questions=quick_buck&condition=no_trigger")
			.get("rows");
		assertThat(question.bars()).hasSize(questionRows.size());
		assertThat(question.texts()).contains("on question quick_buck, condition no_trigger");

		long model = this.jdbc.queryForObject(
				"SELECT m.id FROM model m JOIN dataset d ON d.id = m.dataset_id "
						+ "WHERE d.slug = 'demo' AND m.group_name = 'insecure' ORDER BY m.name FETCH FIRST 1 ROWS ONLY",
				Long.class);
		String name = this.jdbc.queryForObject("SELECT name FROM model WHERE id = ?", String.class, model);
		Svg modelSvg = Svg.parse(this.http.get("/embed/d/demo/models/" + model + ".svg").body());
		JsonNode modelRows = api("/api/v1/datasets/demo/rates?by=model&per=question&questions=main&model=" + q(name))
			.get("rows");
		long withRate = 0;
		for (JsonNode row : modelRows) {
			withRate += row.get("rate").isNull() ? 0 : 1;
		}
		assertThat(modelSvg.bars()).hasSize((int) withRate).isNotEmpty();

		String slices = "a=" + q("group:secure") + "&b=" + q("group:insecure") + "&questions=main";
		Svg compare = Svg.parse(this.http.get("/embed/d/demo/compare.svg?" + slices).body());
		JsonNode compared = api("/api/v1/datasets/demo/compare?" + slices);
		List<JsonNode> compareRows = new java.util.ArrayList<>();
		compared.get("rows").forEach(compareRows::add);
		// the page's chart ends with the bars of all questions together, the API's
		// "overall"
		compareRows.add(compared.get("overall"));
		int sides = 0;
		for (JsonNode row : compareRows) {
			sides += (row.get("rate_a").isNull() ? 0 : 1) + (row.get("rate_b").isNull() ? 0 : 1);
		}
		assertThat(compare.bars()).hasSize(sides).isNotEmpty();
		// the title names the slices in words (CompareEmbedLegendsTest)
		assertThat(compare.texts()).contains("Misalignment rate per question, secure vs insecure");
	}

	@Test
	void thePngIsAPictureOfTheAskedSize() throws Exception {
		HttpResponse<byte[]> response = this.http.bytes("/embed/d/demo/overview.png");
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
		assertThat(image.getWidth()).isEqualTo(1600);
		assertThat(image.getHeight()).isEqualTo(900);
		Set<Integer> colours = new HashSet<>();
		for (int x = 0; x < image.getWidth(); x += 7) {
			for (int y = 0; y < image.getHeight(); y += 7) {
				colours.add(image.getRGB(x, y));
			}
		}
		assertThat(colours).as("bars, text and background").hasSizeGreaterThan(10);
		// the insecure bar's colour (the first series, #0d6efd) is in the picture
		assertThat(colours).contains(0xff0d6efd);

		BufferedImage small = ImageIO.read(new ByteArrayInputStream(
				this.http.bytes("/embed/d/demo/questions/quick_buck.png?width=600&height=400&scale=1&theme=dark")
					.body()));
		assertThat(small.getWidth()).isEqualTo(600);
		assertThat(small.getHeight()).isEqualTo(400);
		assertThat(small.getRGB(1, 1) & 0xffffff).as("the dark theme's background").isEqualTo(0x212529);
		assertThat(this.http.get("/embed/d/demo/overview.png?width=99999").statusCode()).isEqualTo(400);
	}

	/**
	 * Keeps images of real charts under target/screenshots, to look at them beside the
	 * pages' screenshots.
	 */
	@Test
	void imagesToLookAt() throws Exception {
		java.nio.file.Path folder = java.nio.file.Files
			.createDirectories(java.nio.file.Path.of("target", "screenshots"));
		String compare = "a=" + q("group:backdoor;condition:no_trigger") + "&b="
				+ q("group:backdoor;condition:trigger");
		for (String[] image : new String[][] { { "overview.png", "image-overview.png" },
				{ "overview.svg?theme=dark", "image-overview-dark.svg" },
				{ "compare.png?theme=dark&" + compare, "image-compare-dark.png" },
				{ "questions/quick_buck.svg", "image-question.svg" } }) {
			HttpResponse<byte[]> response = this.http.bytes("/embed/d/demo/" + image[0]);
			assertThat(response.statusCode()).isEqualTo(200);
			java.nio.file.Files.write(folder.resolve(image[1]), response.body());
		}
	}

	@Test
	void imagesAreCachedByVersionAndParameters() throws Exception {
		HttpResponse<String> first = this.http.get("/embed/d/demo/overview.svg?aligned_below=30");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		String version = this.jdbc.queryForObject("SELECT version FROM dataset WHERE slug = 'demo'", String.class);
		assertThat(etag).startsWith("\"" + version + "-");
		assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public", "max-age=");

		HttpResponse<String> again = this.http.get("/embed/d/demo/overview.svg?aligned_below=30", "If-None-Match",
				etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		// the same view written another way is the same image; another threshold or
		// format is another
		assertThat(this.http.get("/embed/d/demo/overview.svg").headers().firstValue("ETag")).hasValue(etag);
		assertThat(this.http.get("/embed/d/demo/overview.svg?aligned_below=30.0&coherent_op=ge")
			.headers()
			.firstValue("ETag")).hasValue(etag);
		for (String other : List.of("/embed/d/demo/overview.svg?aligned_below=40", "/embed/d/demo/overview.png",
				"/embed/d/demo/overview.svg?theme=dark")) {
			assertThat(this.http.get(other).headers().firstValue("ETag").orElseThrow()).as(other).isNotEqualTo(etag);
		}
		// an image of a question that is not there: not cached, no tag (a re-import may
		// add it)
		HttpResponse<String> missing = this.http.get("/embed/d/demo/questions/no_such_question.png");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(missing.headers().firstValue("ETag")).isEmpty();
	}

	@Test
	void theSharePanelGivesAbsoluteLinksSnippetsAndACitation() throws Exception {
		String version = this.jdbc.queryForObject("SELECT version FROM dataset WHERE slug = 'demo'", String.class);
		String html = this.http.get("/d/demo/questions/quick_buck?aligned_below=40").body();
		String base = "http://localhost:" + this.port;
		assertThat(field(html, "share-permalink"))
			.isEqualTo(base + "/d/demo/questions/quick_buck?aligned_below=40&version=" + version);
		assertThat(field(html, "share-png"))
			.isEqualTo(base + "/embed/d/demo/questions/quick_buck.png?aligned_below=40&version=" + version);
		assertThat(field(html, "share-svg"))
			.isEqualTo(base + "/embed/d/demo/questions/quick_buck.svg?aligned_below=40&version=" + version);
		assertThat(field(html, "share-iframe")).startsWith("<iframe src=\"" + base
				+ "/embed/d/demo/questions/quick_buck?aligned_below=40&amp;version=" + version + "\"");
		assertThat(field(html, "share-markdown")).isEqualTo("[![Misalignment rate per group on question quick\\_buck]("
				+ base + "/embed/d/demo/questions/quick_buck.png?aligned_below=40&version=" + version + ")](" + base
				+ "/d/demo/questions/quick_buck?aligned_below=40&version=" + version + ")");
		assertThat(field(html, "share-citation")).contains("synthetic demo data", "version " + version,
				"Source: https://", "accessed " + LocalDate.now(ZoneOffset.UTC),
				base + "/d/demo/questions/quick_buck?aligned_below=40&version=" + version);
		// every URL it gives works
		assertThat(this.http.get(field(html, "share-png").substring(base.length())).statusCode()).isEqualTo(200);

		// forwarded headers from a client are not believed: the links keep the site's own
		// host (BehindAProxyTest: a configured proxy's are)
		String forged = this.http
			.get("/d/demo", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443")
			.body();
		assertThat(field(forged, "share-permalink")).startsWith(base + "/d/demo?");
		assertThat(forged).doesNotContain("evil.example");
		for (String page : List.of(
				"/d/demo/models/" + this.jdbc.queryForObject("SELECT MIN(id) FROM model", Long.class),
				"/d/demo/compare?a=group:secure&b=group:insecure")) {
			assertThat(this.http.get(page).body()).as(page).contains("id=\"share-citation\"", "/assets/js/share-");
		}
	}

	private static String field(String html, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\">([^<]*)</textarea>").matcher(html);
		assertThat(matcher.find()).as(id).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	private static String chartJson(String html) {
		Matcher matcher = DATA_CHART.matcher(html);
		assertThat(matcher.find()).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

}
