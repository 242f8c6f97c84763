package org.misalignment.dashboard.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an anonymous attacker did to the site (the findings of the hardening issue), run
 * by {@link LoadTest} with {@code -Dload.abuse=true} beside its normal readers, from the
 * same machine, against the dashboard on loopback only. Each pattern runs in its own
 * threads until {@link #stop()}, again and again, and counts what the site answered:
 * <ul>
 * <li>12 clients ask for every answer as CSV and never read it;</li>
 * <li>16 clients search for a word of 3,000 letters;</li>
 * <li>30 connections announce a 2 GB upload (to {@code /} and to the import form) and
 * send a byte a second;</li>
 * <li>12 clients ask for the largest PNG the old limits allowed (2400 × 1600 × 3), and 12
 * for a large one the new limits allow;</li>
 * <li>one client guesses the admin's password as fast as it can.</li>
 * </ul>
 */
final class AbusePatterns {

	private final String host;

	private final int port;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> threads = new ArrayList<>();

	/** Per pattern, what came back: "status 503", "closed", … and how often. */
	private final Map<String, Map<String, AtomicLong>> outcomes = new ConcurrentHashMap<>();

	AbusePatterns(String host, int port) {
		this.host = host;
		this.port = port;
	}

	void start() {
		repeat("export never read", 12, this::exportNeverRead);
		repeat("search 3,000-letter word", 16,
				() -> get("search 3,000-letter word", "/d/demo/answers?q=" + "a".repeat(3000)));
		repeat("2 GB upload at 1 byte/s", 30, this::slowUpload);
		repeat("PNG 2400x1600x3", 12,
				() -> get("PNG 2400x1600x3", "/embed/d/demo/overview.png?width=2400&height=1600&scale=3"));
		repeat("PNG 1600x900x2", 12,
				() -> get("PNG 1600x900x2", "/embed/d/demo/overview.png?width=1600&height=900&scale=2&theme=dark"));
		repeat("password guessing", 1, this::guess);
	}

	void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.interrupt();
			thread.join(5000);
		}
	}

	/** What each pattern got, for the report. */
	String report() {
		StringBuilder text = new StringBuilder();
		new TreeMap<>(this.outcomes).forEach((pattern, counts) -> {
			text.append(String.format(Locale.ROOT, "  %-26s", pattern));
			new TreeMap<>(counts).forEach((what, n) -> text.append(" ").append(what).append(" ×").append(n.get()));
			text.append('\n');
		});
		return text.toString();
	}

	private interface Attempt {

		void run() throws Exception;

	}

	private void repeat(String pattern, int clients, Attempt attempt) {
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						attempt.run();
					}
					catch (InterruptedException ex) {
						return;
					}
					catch (Exception ex) {
						count(pattern, ex.getClass().getSimpleName());
						pause(200);
					}
				}
			}, "abuse-" + pattern + "-" + i);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
	}

	private void count(String pattern, String what) {
		this.outcomes.computeIfAbsent(pattern, (p) -> new ConcurrentHashMap<>())
			.computeIfAbsent(what, (w) -> new AtomicLong())
			.incrementAndGet();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void get(String pattern, String path) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<byte[]> response = client
			.send(HttpRequest.newBuilder(URI.create("http://" + this.host + ":" + this.port + path))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		count(pattern, "status " + response.statusCode());
	}

	/** Asks for the whole CSV export, reads its status line, then nothing for 30 s. */
	private void exportNeverRead() throws Exception {
		try (Socket socket = new Socket(this.host, this.port)) {
			socket.setReceiveBufferSize(4096);
			socket.setSoTimeout(120_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /d/demo/answers.csv HTTP/1.1\r\nHost: " + this.host + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] status = new byte[12];
			int read = in.read(status);
			count("export never read",
					(read > 0) ? new String(status, 0, read, StandardCharsets.US_ASCII).strip() : "closed at once");
			// not reading for 30 s (the server drops a client silent for 20 s), then
			// again
			Thread.sleep(30_000);
		}
	}

	/**
	 * A multipart body announced as 2 GB, sent a byte a second until the server closes.
	 */
	private void slowUpload() throws Exception {
		String path = (Thread.currentThread().getName().hashCode() % 2 == 0) ? "/" : "/admin/import";
		try (Socket socket = new Socket(this.host, this.port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: " + this.host + "\r\nContent-Type: multipart/form-data; "
					+ "boundary=xyz\r\nContent-Length: 2147483648\r\n\r\n--xyz\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long started = System.nanoTime();
			while (this.running.get()) {
				try {
					byte[] answer = new byte[12];
					int read = socket.getInputStream().read(answer);
					count("2 GB upload at 1 byte/s",
							(read > 0) ? new String(answer, 0, read, StandardCharsets.US_ASCII).strip() + " after "
									+ bucket(System.nanoTime() - started) : "closed");
					return;
				}
				catch (java.net.SocketTimeoutException notYet) {
					out.write('x');
					out.flush();
				}
			}
		}
	}

	private static String bucket(long nanos) {
		long seconds = nanos / 1_000_000_000L;
		return (seconds < 1) ? "<1 s" : (seconds < 10) ? "<10 s" : ">=10 s";
	}

	private void guess() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		String login = "http://" + this.host + ":" + this.port + "/login";
		// the form needs its CSRF token and session cookie first
		HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(login)).build(),
				HttpResponse.BodyHandlers.ofString());
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(form.body());
		String cookie = form.headers().firstValue("Set-Cookie").map((c) -> c.split(";", 2)[0]).orElse("");
		if (!token.find()) {
			count("password guessing", "no form");
			pause(1000);
			return;
		}
		HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(login))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers
				.ofString("username=admin&password=guess" + System.nanoTime() + "&_csrf=" + token.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		String where = answer.headers().firstValue("Location").orElse("");
		count("password guessing", where.contains("locked") ? "paused" : where.contains("error") ? "wrong" : "other");
	}

}
