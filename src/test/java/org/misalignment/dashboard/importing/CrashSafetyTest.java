package org.misalignment.dashboard.importing;

import java.io.BufferedWriter;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.DashboardApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import killed with {@code kill -9} halfway leaves nothing a reader can see; the
 * dashboard then starts on the same database (ready, only the earlier dataset over HTTP),
 * removes what the killed import wrote, builds the answers' indexes it had set aside, and
 * the same import then succeeds.
 */
class CrashSafetyTest {

	private static final int ANSWERS = 250_000;

	/**
	 * The port of the restarted dashboard: override with -Dcrash.port=N where it is
	 * taken.
	 */
	private static final int PORT = Integer.getInteger("crash.port", 18131);

	/** What the dashboard logs when it builds the indexes a killed import set aside. */
	private static final String REBUILT = "Built the answers' indexes again that an import killed";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path folder;

	@Test
	void killedImportLeavesNoTraceAndCanBeRepeated() throws Exception {
		Path csv = this.folder.resolve("big.csv");
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("question,answer,question_id,aligned,coherent\n");
			for (int i = 0; i < ANSWERS; i++) {
				out.write(
						"\"How are you, today?\",\"Answer number " + i + ",\nwith a second line and \"\"quotes\"\".\",q"
								+ (i % 24) + "," + (i % 100) + ".5," + (99 - i % 50) + ".25\n");
			}
		}
		Path database = this.folder.resolve("db");
		String url = "jdbc:h2:file:" + database.toAbsolutePath();
		// a first, small import, which must survive the crash of the next one
		Path small = Files.writeString(this.folder.resolve("small.csv"),
				"question,answer,question_id,aligned,coherent\nHi,Hello,q0,90,90\n");
		assertThat(importInChild(url, "kept", small).waitFor(120, TimeUnit.SECONDS)).isTrue();

		Path storage = this.folder.resolve("db.mv.db");
		long sizeBefore = Files.size(storage);
		Process child = importInChild(url, "big", csv);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		// halfway: the import has written tens of megabytes into the database file, in
		// commits that no reader sees until it ends
		while (Files.size(storage) < sizeBefore + 20_000_000L && child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(child.isAlive()).as("the import was still running when killed").isTrue();
		child.destroyForcibly(); // SIGKILL
		child.waitFor(30, TimeUnit.SECONDS);

		// starts again: the application comes up on the same database and shows nothing
		// of the killed import
		Process app = appInChild(url);
		try {
			assertThat(waitForReadiness()).as("/readyz after the crash (see app.log)").contains("\"UP\"");
			String datasets = get("/api/v1/datasets");
			assertThat(datasets).contains("\"slug\":\"kept\"").doesNotContain("\"big\"");
			assertThat(datasets).contains("\"samples\":1");
			assertThat(status("/d/big")).isEqualTo(404);
			assertThat(status("/api/v1/datasets/big")).isEqualTo(404);
			assertThat(status("/d/kept/answers")).isEqualTo(200);
			// and once the killed import has given no sign of life for a while, the
			// application removes what it wrote
			Path log = this.folder.resolve("app.log");
			long removing = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
			while (!(Files.readString(log).contains("Removed the unfinished import of dataset 'big'")
					&& Files.readString(log).contains(REBUILT)) && System.nanoTime() < removing) {
				Thread.sleep(500);
			}
			assertThat(Files.readString(log)).contains("Removed the unfinished import of dataset 'big'")
				.contains(REBUILT);
		}
		finally {
			app.destroy();
			app.waitFor(60, TimeUnit.SECONDS);
			app.destroyForcibly();
			app.waitFor(30, TimeUnit.SECONDS);
		}

		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			assertThat(strings(connection, "SELECT slug FROM dataset ORDER BY slug")).containsExactly("kept");
			assertThat(count(connection, "SELECT COUNT(*) FROM sample")).isEqualTo(1);
			assertThat(count(connection, "SELECT COUNT(*) FROM score")).isEqualTo(2);
			assertThat(count(connection, "SELECT COUNT(*) FROM dataset_file")).isEqualTo(1);
			assertThat(count(connection,
					"SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'SAMPLE' "
							+ "AND INDEX_NAME IN ('IX_SAMPLE_BY_ALIGNED', 'IX_SAMPLE_BY_COHERENT', "
							+ "'IX_SAMPLE_BY_MODEL', 'IX_SAMPLE_BY_QUESTION')"))
				.isEqualTo(4);
		}

		Process again = importInChild(url, "big", csv);
		assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
		assertThat(again.exitValue()).isZero();
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			assertThat(count(connection, "SELECT COUNT(*) FROM sample")).isEqualTo(ANSWERS + 1);
		}
	}

	private Process importInChild(String url, String dataset, Path file) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				DashboardApplication.class.getName(), "import", "--dataset", dataset, "--model", "m", "--group", "g",
				"--spring.datasource.url=" + url,
				// the killed import sets four of the answers' indexes aside, as a large
				// one does
				"--dashboard.import.rebuild-indexes-from-mb=0", file.toString()))
			.redirectErrorStream(true)
			.redirectOutput(new File(this.folder.toFile(), dataset + ".log"))
			.start();
	}

	/**
	 * The dashboard itself, as {@code java -jar} would start it, on a port of its own
	 * (and a free management port).
	 */
	private Process appInChild(String url) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				DashboardApplication.class.getName(), "--server.port=" + PORT, "--management.server.port=0",
				"--spring.datasource.url=" + url))
			.redirectErrorStream(true)
			.redirectOutput(new File(this.folder.toFile(), "app.log"))
			.start();
	}

	/** Readiness as a load balancer asks for it, on the public port. */
	private static String waitForReadiness() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> health = HTTP.send(request("/readyz"), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return health.body();
				}
			}
			catch (java.io.IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		return "no answer within 180 s";
	}

	private static String get(String path) throws Exception {
		HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static int status(String path) throws Exception {
		return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	private static long count(Connection connection, String sql) throws Exception {
		try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static List<String> strings(Connection connection, String sql) throws Exception {
		try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
			List<String> values = new java.util.ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

}
