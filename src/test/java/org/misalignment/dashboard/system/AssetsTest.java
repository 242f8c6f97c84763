package org.misalignment.dashboard.system;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reader's browser downloads: pages and text compressed when it accepts gzip, and
 * every asset and WebJar under a URL that names its content, kept for a year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false", "spring.datasource.url=jdbc:h2:mem:assets;DB_CLOSE_DELAY=-1" })
class AssetsTest {

	private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"(/(?:assets|webjars)/[^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void pagesAreCompressedAndAssetsAreKeptForAYearUnderVersionedUrls(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("assets", this.importer, this.jdbc, folder);
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<byte[]> page = client.send(request("/d/assets").header("Accept-Encoding", "gzip").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
		String html = new String(new GZIPInputStream(new ByteArrayInputStream(page.body())).readAllBytes(),
				StandardCharsets.UTF_8);
		assertThat(html.length()).isGreaterThan(page.body().length * 2);

		List<String> linked = new ArrayList<>();
		for (Matcher m = LINKED.matcher(html); m.find();) {
			linked.add(m.group(1));
		}
		assertThat(linked).isNotEmpty()
			.anyMatch((url) -> url.startsWith("/webjars/bootstrap/"))
			.anyMatch((url) -> url.startsWith("/assets/js/"));
		for (String url : linked) {
			// a hash of the file's content before its extension: site-0a1b2c….js
			assertThat(url).as(url).matches(".*-[0-9a-f]{32}\\.[a-z]+");
			HttpResponse<byte[]> asset = client.send(request(url).header("Accept-Encoding", "gzip").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(asset.statusCode()).as(url).isEqualTo(200);
			assertThat(asset.headers().firstValue("Cache-Control")).as(url)
				.hasValue("max-age=31536000, public, immutable");
			if (url.contains("bootstrap") || url.contains("chart.umd")) {
				// the large ones (responses under 1 KB are sent as they are)
				assertThat(asset.headers().firstValue("Content-Encoding")).as(url).hasValue("gzip");
			}
		}
		// the same file by its plain name may change with a new version: kept, but not
		// immutable
		HttpResponse<byte[]> plain = client.send(request("/assets/js/site.js").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(plain.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public");
	}

	@Test
	void chartJsIsLoadedOnlyByPagesThatDrawCharts(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("charts", this.importer, this.jdbc, folder);
		HttpClient client = HttpClient.newHttpClient();
		for (String page : List.of("/d/charts", "/d/charts/models", "/d/charts/questions/q1")) {
			assertThat(client.send(request(page).build(), HttpResponse.BodyHandlers.ofString()).body()).as(page)
				.contains("/chart.umd-");
		}
		for (String page : List.of("/d/charts/answers", "/d/charts/questions", "/login")) {
			HttpResponse<String> response = client.send(request(page).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).as(page).doesNotContain("chart.umd");
		}
	}

	/**
	 * A page compressed on its way out keeps a tag that revalidates (the server may
	 * weaken it); a chart image (drawn on a forward to its page) keeps the tag of its
	 * own.
	 */
	@Test
	void compressedPagesAndChartImagesRevalidate(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("revalidate", this.importer, this.jdbc, folder);
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<byte[]> page = client.send(request("/d/revalidate").header("Accept-Encoding", "gzip").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
		String etag = page.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).matches("W/\"[0-9a-f]{32}\"");
		HttpResponse<byte[]> again = client.send(
				request("/d/revalidate").header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();

		String version = this.jdbc.queryForObject("SELECT version FROM dataset WHERE slug = 'revalidate'",
				String.class);
		HttpResponse<byte[]> image = client.send(request("/embed/d/revalidate/overview.svg").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("ETag").orElseThrow()).startsWith("\"" + version + "-");
		assertThat(image.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
	}

	/**
	 * An address that is no page gets the site's own 404 page, in its layout, with the
	 * address as text, never Spring's "Whitelabel Error Page".
	 */
	@Test
	void anUnknownAddressGetsTheSitesOwnNotFoundPage() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> page = client.send(
				request("/no/such/page%3Cscript%3E").header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body())
			.contains("Not found", "There is no page at", "Misalignment results", "/assets/css/site-")
			.doesNotContain("Whitelabel", "<script>");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

}
