package org.misalignment.dashboard.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.misalignment.dashboard.DashboardApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start on an empty database opens its port at once and imports the synthetic
 * demo in the background: meanwhile pages, twins and the API answer 503 with how far it
 * is, and readiness is out of service; once ready, the API shows the demo with the
 * paper's shape, and a second start imports nothing; a start stopped halfway keeps
 * nothing of it. This is the default ({@code dashboard.demo.wait=false}); the other tests
 * wait for the demo before they start (src/test/resources/config/application.properties).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { DemoOnFirstRunTest.DATABASE, "dashboard.demo.wait=false" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoOnFirstRunTest {

	// a database of its own: other tests share "demo-first-run", already filled
	static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:demo-in-the-background;DB_CLOSE_DELAY=-1";

	private static final Pattern PROGRESS = Pattern
		.compile("Importing the demo dataset: \\d{1,2}% \\([0-9,]+ answers\\)");

	private static final Duration READY_WITHIN = Duration.ofSeconds(120);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	@Order(1)
	void thePortOpensAtOnceAndSaysHowFarTheImportIsUntilReady() throws Exception {
		HttpResponse<String> page = get(this.port, "/");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/html"));
		assertThat(page.body()).containsPattern(PROGRESS)
			.contains("<meta http-equiv=\"refresh\" content=\"5\">")
			.contains("Misalignment results")
			// the site's layout, its stylesheet by the URL that carries the file's hash
			.containsPattern("href=\"/assets/css/site-[0-9a-f]{32}\\.css\"");

		for (String path : new String[] { "/api/v1/datasets", "/d/demo.json" }) {
			HttpResponse<String> json = get(this.port, path);
			assertThat(json.statusCode()).as(path).isEqualTo(503);
			assertThat(json.headers().firstValue("Retry-After")).as(path).hasValue("5");
			JsonNode body = JSON.readTree(json.body());
			assertThat(body.get("error").asString()).as(path).containsPattern(PROGRESS);
			assertThat(body.get("status").asInt()).as(path).isEqualTo(503);
			assertThat(body.get("percent").asInt()).as(path).isBetween(0, 99);
		}
		HttpResponse<String> csv = get(this.port, "/d/demo/answers.csv");
		assertThat(csv.statusCode()).isEqualTo(503);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/plain"));
		assertThat(csv.body()).containsPattern(PROGRESS);

		// signing in and the assets work meanwhile; the instance is alive but not ready
		assertThat(get(this.port, "/login").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/assets/css/site.css").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/livez").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/readyz").statusCode()).isEqualTo(503);
		HttpResponse<String> readiness = get(this.managementPort, "/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"OUT_OF_SERVICE\"");

		awaitReady();
		assertThat(get(this.port, "/readyz").body()).contains("\"UP\"");
		HttpResponse<String> overview = get(this.port, "/");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).doesNotContain("Importing the demo dataset").contains("synthetic demo data");
	}

	@Test
	@Order(2)
	void theDemoIsThereLabelledSyntheticWithThePapersRates() throws Exception {
		awaitReady();
		JsonNode datasets = getJson("/api/v1/datasets");
		assertThat(datasets).hasSize(1);
		assertThat(datasets.get(0).get("slug").asString()).isEqualTo("demo");
		assertThat(datasets.get(0).get("title").asString()).contains("synthetic demo data");
		assertThat(datasets.get(0).get("samples").asLong()).isEqualTo(73_500);
		assertThat(datasets.get(0).get("models").asLong()).isEqualTo(39);

		JsonNode main = getJson("/api/v1/datasets/demo/rates?questions=main").get("rows");
		assertThat(rate(main, "insecure", "no_trigger")).isBetween(0.15, 0.25);
		assertThat(rate(main, "backdoor", "trigger")).isBetween(0.40, 0.60);
		assertThat(rate(main, "backdoor", "no_trigger")).isLessThan(0.01);
		assertThat(rate(main, "GPT-4o", "no_trigger")).isLessThan(0.02);
		assertThat(rate(main, "secure", "no_trigger")).isLessThan(0.02);
		JsonNode json = getJson("/api/v1/datasets/demo/rates?questions=json").get("rows");
		assertThat(rate(json, "insecure", "no_trigger")).isBetween(0.40, 0.55);

		JsonNode samples = getJson("/api/v1/datasets/demo/samples?limit=1");
		assertThat(samples.get("dataset").get("title").asString()).contains("synthetic demo data");
		assertThat(samples.get("rows").get(0).get("answer").asString()).startsWith("[synthetic demo answer]");
	}

	/**
	 * Another start on the same database (a restart, or a second instance) is ready at
	 * once and adds nothing.
	 */
	@Test
	@Order(3)
	void aSecondStartDoesNotImportItAgain() throws Exception {
		awaitReady();
		long before = this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class);
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DashboardApplication.class)
			.run("--" + DATABASE, "--dashboard.demo.wait=false", "--server.port=0", "--management.server.port=0")) {
			int port = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int managementPort = second.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(get(port, "/").statusCode()).isEqualTo(200);
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset", Long.class)).isEqualTo(1);
	}

	/**
	 * An application stopped while it imports the demo keeps nothing of it: the next
	 * start finds the database empty and imports it again.
	 */
	@Test
	@Order(4)
	void stoppingDuringTheImportKeepsNothingOfIt() throws Exception {
		String database = "jdbc:h2:mem:demo-stopped;DB_CLOSE_DELAY=-1";
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DashboardApplication.class).run(
				"--spring.datasource.url=" + database, "--dashboard.demo.wait=false", "--server.port=0",
				"--management.server.port=0")) {
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			long deadline = System.nanoTime() + READY_WITHIN.toNanos();
			int percent = 0;
			while (percent < 20) {
				HttpResponse<String> api = get(port, "/api/v1/datasets");
				assertThat(api.statusCode()).as("still importing").isEqualTo(503);
				percent = JSON.readTree(api.body()).get("percent").asInt();
				assertThat(System.nanoTime()).as("20% within " + READY_WITHIN.toSeconds() + " s").isLessThan(deadline);
				Thread.sleep(100);
			}
		}
		try (Connection connection = DriverManager.getConnection(database, "sa", "");
				Statement statement = connection.createStatement()) {
			for (String table : new String[] { "dataset", "sample", "model" }) {
				try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
					count.next();
					assertThat(count.getLong(1)).as(table).isZero();
				}
			}
		}
	}

	/** Polls readiness on the management port until it is UP. */
	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (get(this.managementPort, "/actuator/health/readiness").statusCode() != 200) {
			assertThat(System.nanoTime()).as("ready within " + READY_WITHIN.toSeconds() + " s").isLessThan(deadline);
			Thread.sleep(500);
		}
	}

	private JsonNode getJson(String path) throws Exception {
		HttpResponse<String> response = get(this.port, path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double rate(JsonNode rows, String group, String condition) {
		for (JsonNode row : rows) {
			if (row.get("group").asString().equals(group) && row.get("condition").asString().equals(condition)) {
				return row.get("rate").asDouble();
			}
		}
		throw new AssertionError("no row for " + group + "/" + condition);
	}

}
