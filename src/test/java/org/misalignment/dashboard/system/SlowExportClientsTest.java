package org.misalignment.dashboard.system;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that ask for every answer as CSV and never read it: they hold no database
 * connection while they wait (the pages keep answering), only a few run at once (the next
 * is told 503 and when to come back), and each is dropped after the connection timeout,
 * which frees its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false", "spring.datasource.url=jdbc:h2:mem:exports;DB_CLOSE_DELAY=-1",
				"dashboard.exports.at-once=2", "server.tomcat.connection-timeout=3s" })
class SlowExportClientsTest {

	private static final int ANSWERS = 4000;

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@Autowired
	private DataSource dataSource;

	@TempDir
	Path folder;

	@Test
	void exportsThatNobodyReadsHoldNoConnectionAndAreDropped() throws Exception {
		this.importer.run(new ImportRequest("exports", "m", "g", null, List.of(answers())), ImportProgress.NONE);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		List<Socket> stuck = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			stuck.add(askAndNeverRead("/d/exports/answers.csv"));
		}
		Thread.sleep(1000);
		// both are writing into full socket buffers; neither holds a connection
		assertThat(((HikariDataSource) this.dataSource).getHikariPoolMXBean().getActiveConnections()).isZero();
		HttpResponse<String> third = http.send(request("/d/exports/answers.csv"), HttpResponse.BodyHandlers.ofString());
		assertThat(third.statusCode()).isEqualTo(503);
		assertThat(third.headers().firstValue("Retry-After")).contains("30");
		assertThat(third.body()).contains("exports of answers already");
		HttpResponse<String> page = http.send(request("/d/exports"), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);

		// the server gives up on them after its 3 s timeout, and their places are free
		Thread.sleep(6000);
		HttpResponse<InputStream> export = http.send(request("/d/exports/answers.csv"),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(export.statusCode()).isEqualTo(200);
		long lines;
		try (InputStream body = export.body()) {
			lines = new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().count();
		}
		assertThat(lines).isEqualTo(ANSWERS + 1);
		for (Socket socket : stuck) {
			socket.close();
		}
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.build();
	}

	/** A request whose response is never read past its first bytes. */
	private Socket askAndNeverRead(String path) throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setReceiveBufferSize(4096);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		byte[] start = new byte[12];
		int read = socket.getInputStream().read(start);
		assertThat(new String(start, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
		return socket;
	}

	/** Answers of 6,000 characters each: more than any socket buffer holds. */
	private Path answers() throws Exception {
		Path csv = this.folder.resolve("long.csv");
		String text = "word ".repeat(1200);
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("question,answer,question_id,aligned,coherent\n");
			for (int i = 0; i < ANSWERS; i++) {
				out.write("\"How are you?\",\"" + i + " " + text + "\",q" + (i % 8) + "," + (i % 100) + ",90\n");
			}
		}
		return csv;
	}

}
