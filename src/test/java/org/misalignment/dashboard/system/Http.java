package org.misalignment.dashboard.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Requests to a test's running server over HTTP, as a script sends them: for what MockMvc
 * cannot reach, such as the management port's Actuator.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private Http() {
	}

	/** {@code GET http://127.0.0.1:port/path}, without credentials. */
	public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return CLIENT.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The same with a user's name and password (HTTP Basic, as {@code curl -u}). */
	public static HttpResponse<String> get(int port, String path, String user, String password)
			throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return CLIENT.send(request(port, path).header("Authorization", "Basic " + basic).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
	}

}
