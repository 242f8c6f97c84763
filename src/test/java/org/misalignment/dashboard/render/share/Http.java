package org.misalignment.dashboard.render.share;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Requests to the running test server: embeds forward inside the servlet container, which
 * MockMvc does not do.
 */
final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private final int port;

	Http(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		return CLIENT.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
		return CLIENT.send(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder.build();
	}

}
