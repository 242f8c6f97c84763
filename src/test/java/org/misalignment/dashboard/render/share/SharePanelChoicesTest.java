package org.misalignment.dashboard.render.share;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The share panel's theme and width choices without scripts: each is a link to the page
 * with the iframe, PNG, SVG and Markdown written for that look, and every URL it then
 * gives draws that look. (With scripts, share.js swaps the same snippets in place:
 * EmbedBrowserTest.) Same context as the browser tests (the demo is imported once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-overview;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharePanelChoicesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private Http http;

	private String base;

	private String version;

	@BeforeAll
	void start() {
		this.http = new Http(this.port);
		this.base = "http://localhost:" + this.port;
		this.version = this.jdbc.queryForObject("SELECT version FROM dataset WHERE slug = 'demo'", String.class);
	}

	@Test
	void byDefaultThePanelOffersLightAnd800AndItsLinksCarryNoLook() throws Exception {
		String html = this.http.get("/d/demo/questions/quick_buck?aligned_below=40").body();
		assertThat(chosen(html)).containsExactly("Light", "800 px");
		assertThat(choices(html)).containsExactly("Light", "Dark", "600 px", "800 px", "1200 px");
		assertThat(field(html, "share-png"))
			.isEqualTo(this.base + "/embed/d/demo/questions/quick_buck.png?aligned_below=40&version=" + this.version);
		assertThat(field(html, "share-iframe")).contains(" width=\"800\" ");
		// the Dark choice, without scripts: this page with the panel written for it
		assertThat(href(html, "Dark"))
			.isEqualTo(this.base + "/d/demo/questions/quick_buck?aligned_below=40&theme=dark&width=800#share");
	}

	@Test
	void aChosenLookRewritesTheIframePngSvgAndMarkdownButNotThePermalink() throws Exception {
		String query = "?aligned_below=40&theme=dark&width=600";
		String html = this.http.get("/d/demo/questions/quick_buck" + query).body();
		assertThat(chosen(html)).containsExactly("Dark", "600 px");
		String view = "aligned_below=40&version=" + this.version;
		String png = this.base + "/embed/d/demo/questions/quick_buck.png?" + view + "&theme=dark&width=600";
		String svg = this.base + "/embed/d/demo/questions/quick_buck.svg?" + view + "&theme=dark&width=600";
		String page = this.base + "/d/demo/questions/quick_buck?" + view;
		assertThat(field(html, "share-permalink")).isEqualTo(page);
		assertThat(field(html, "share-png")).isEqualTo(png);
		assertThat(field(html, "share-svg")).isEqualTo(svg);
		assertThat(field(html, "share-markdown")).endsWith("](" + png + ")](" + page + ")");
		assertThat(field(html, "share-iframe"))
			.startsWith(
					"<iframe src=\"" + this.base + "/embed/d/demo/questions/quick_buck?aligned_below=40&amp;version="
							+ this.version + "&amp;theme=dark\"")
			.contains(" width=\"600\" ", "max-width:100%");
		assertThat(field(html, "share-citation")).contains(page).doesNotContain("theme=", "width=");

		// and what they give is that look
		BufferedImage image = ImageIO
			.read(new ByteArrayInputStream(this.http.bytes(png.substring(this.base.length())).body()));
		assertThat(image.getWidth()).as("600 px at the default scale 2").isEqualTo(1200);
		assertThat(image.getRGB(1, 1) & 0xffffff).as("the dark theme's background").isEqualTo(0x212529);
		Svg picture = Svg.parse(this.http.get(svg.substring(this.base.length())).body());
		assertThat(picture.document().getDocumentElement().getAttribute("width")).isEqualTo("600");
		String embed = HtmlUtils
			.htmlUnescape(field(html, "share-iframe").replaceAll("^<iframe src=\"([^\"]*)\".*$", "$1"));
		assertThat(this.http.get(embed.substring(this.base.length())).body()).contains("data-bs-theme=\"dark\"");
	}

	@Test
	void everyLooksSnippetsAreInThePageForTheScriptAndEachOneDrawsItsLook() throws Exception {
		String html = this.http.get("/d/demo/compare?a=group:secure&b=group:insecure").body();
		Matcher matcher = Pattern.compile("data-share-variants=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).isTrue();
		JsonNode variants = JSON.readTree(HtmlUtils.htmlUnescape(matcher.group(1)));
		List<String> keys = new ArrayList<>();
		variants.propertyNames().forEach(keys::add);
		assertThat(keys).containsExactly("light-600", "light-800", "light-1200", "dark-600", "dark-800", "dark-1200");
		for (String key : keys) {
			JsonNode variant = variants.get(key);
			String width = key.substring(key.indexOf('-') + 1);
			HttpResponse<String> svg = this.http.get(variant.get("svg").asString().substring(this.base.length()));
			assertThat(svg.statusCode()).as(key).isEqualTo(200);
			Svg picture = Svg.parse(svg.body());
			assertThat(picture.document().getDocumentElement().getAttribute("width")).as(key).isEqualTo(width);
			String background = picture.document()
				.getElementsByTagName("rect")
				.item(0)
				.getAttributes()
				.getNamedItem("fill")
				.getNodeValue();
			assertThat(background).as(key).isEqualTo(key.startsWith("dark") ? "#212529" : "#ffffff");
			assertThat(variant.get("iframe").asString()).as(key).contains(" width=\"" + width + "\" ");
			assertThat(variant.get("markdown").asString()).as(key).contains(variant.get("png").asString());
		}
	}

	@Test
	void aLookThePanelDoesNotOfferIsTheDefaultOnThePageAndA400ForAnImage() throws Exception {
		HttpResponse<String> page = this.http.get("/d/demo?width=12345&theme=purple");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(chosen(page.body())).containsExactly("Light", "800 px");
		HttpResponse<String> image = this.http.get("/embed/d/demo/overview.png?width=12345");
		assertThat(image.statusCode()).isEqualTo(400);
		assertThat(image.body()).contains("width must be a whole number from 320 to 2400");
	}

	private static String field(String html, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\">([^<]*)</textarea>").matcher(html);
		assertThat(matcher.find()).as(id).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	/** The words of the choices. */
	private static List<String> choices(String html) {
		return links(html, "");
	}

	/** The words of the chosen choices. */
	private static List<String> chosen(String html) {
		return links(html, "active");
	}

	private static List<String> links(String html, String active) {
		List<String> words = new ArrayList<>();
		Matcher matcher = Pattern.compile("<a class=\"([^\"]*share-choice[^\"]*)\"[^>]*>([^<]*)</a>").matcher(html);
		while (matcher.find()) {
			if (active.isEmpty() || List.of(matcher.group(1).split(" ")).contains(active)) {
				words.add(matcher.group(2));
			}
		}
		return words;
	}

	private static String href(String html, String words) {
		Matcher matcher = Pattern
			.compile("<a class=\"[^\"]*share-choice[^\"]*\"\\s+href=\"([^\"]*)\"[^>]*>" + words + "</a>")
			.matcher(html);
		assertThat(matcher.find()).as(words).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

}
