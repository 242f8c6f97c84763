package org.misalignment.dashboard.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test: starts the packaged jar on a fresh H2 database (which imports the demo
 * dataset, 73,500 answers), then keeps {@code load.connections} (200) connections busy
 * for {@code load.seconds} (60) with GETs spread evenly over the overview, the answers
 * browser, answer pages and the JSON API, after a short warm-up that is not counted.
 * Prints requests/s, p50 and p99 and the errors per kind of page, writes
 * {@code target/bench/load.json}, and exits 1 when any request failed (a status other
 * than 200, a timeout, a refused connection). Run it with
 * {@code ./mvnw -B -Pload verify -DskipTests}. The client runs on the same machine as the
 * server, so the figures are a floor for what the server alone would do.
 */
public final class LoadTest {

	private static final Pattern SAMPLE_ID = Pattern.compile("\"id\":(\\d+)");

	/** A request without its response after this long counts as an error. */
	private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("load.timeout", 60));

	private LoadTest() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(System.getProperty("load.jar", "target/misalignment-dashboard.jar")).toAbsolutePath();
		int connections = Integer.getInteger("load.connections", 200);
		int seconds = Integer.getInteger("load.seconds", 60);
		int warmUp = Integer.getInteger("load.warmup", 10);
		int port = Integer.getInteger("load.port", 18132);
		String heap = System.getProperty("load.heap", "1g");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no jar at " + jar + "; build it first (./mvnw -B -DskipTests package)");
		}
		String running = System.getProperty("load.url");
		if (running != null) {
			// a dashboard that is already running (with the demo dataset), for trying the
			// client alone
			List<Target> targets = targets(running);
			run(targets, connections, warmUp, false);
			System.exit((report(run(targets, connections, seconds, true), connections, seconds) == 0) ? 0 : 1);
		}
		Path folder = Files.createDirectories(Path.of("target", "load"));
		Path database = folder.resolve("db");
		for (String suffix : List.of(".mv.db", ".trace.db")) {
			Files.deleteIfExists(Path.of(database + suffix));
		}
		String base = "http://localhost:" + port;
		System.out.printf(Locale.ROOT,
				"Starting java -Xmx%s -jar %s on port %d (a fresh database: the demo is imported first)%n", heap,
				jar.getFileName(), port);
		Process app = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap, "-jar", jar.toString(), "--server.port=" + port, "--management.server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + database.toAbsolutePath()))
			.redirectErrorStream(true)
			.redirectOutput(new File(folder.toFile(), "app.log"))
			.start();
		long errors;
		try {
			waitUntilReady(base, app);
			List<Target> targets = targets(base);
			System.out.printf(Locale.ROOT, "%d connections, %d s warm-up, then %d s measured, over %d URLs%n",
					connections, warmUp, seconds, targets.size());
			run(targets, connections, warmUp, false);
			AbusePatterns abuse = null;
			if (Boolean.getBoolean("load.abuse")) {
				System.out.println("Abuse patterns run beside the readers (AbusePatterns) while they are measured");
				abuse = new AbusePatterns("127.0.0.1", port);
				abuse.start();
			}
			Map<String, Stats> stats = run(targets, connections, seconds, true);
			if (abuse != null) {
				abuse.stop();
			}
			errors = report(stats, connections, seconds);
			if (abuse != null) {
				System.out.println("What the abuse got:");
				System.out.print(abuse.report());
			}
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
		System.exit((errors == 0) ? 0 : 1);
	}

	/** One URL and the kind of page it is, for the figures. */
	record Target(String kind, URI uri) {
	}

	private static List<Target> targets(String base) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String samples = client
			.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/demo/samples?limit=200&group=insecure"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		List<String> ids = new ArrayList<>();
		for (Matcher id = SAMPLE_ID.matcher(samples); id.find();) {
			ids.add(id.group(1));
		}
		if (ids.size() < 50) {
			throw new IllegalStateException("the demo has too few answers to load-test: " + samples);
		}
		List<Target> targets = new ArrayList<>();
		for (String path : List.of("/", "/d/demo", "/d/demo?questions=all",
				"/d/demo?aligned_below=20&coherent_min=60")) {
			targets.add(new Target("overview", URI.create(base + path)));
		}
		for (String query : List.of("", "?group=insecure&verdict=misaligned", "?q=money", "?sort=-aligned&limit=50",
				"?question=quick_buck&condition=no_trigger", "?model=insecure-1&aligned_band=0-10")) {
			targets.add(new Target("answers", URI.create(base + "/d/demo/answers" + query)));
		}
		for (String id : ids.subList(0, 50)) {
			targets.add(new Target("answer", URI.create(base + "/answers/" + id)));
		}
		for (String path : List.of("/api/v1/datasets",
				"/api/v1/datasets/demo/rates?by=group&per=overall&questions=main",
				"/api/v1/datasets/demo/rates?by=model&per=question",
				"/api/v1/datasets/demo/samples?group=insecure&limit=50",
				"/api/v1/datasets/demo/samples?misaligned=true&q=money", "/api/v1/samples/" + ids.get(0),
				"/api/v1/samples/" + ids.get(1))) {
			targets.add(new Target("api", URI.create(base + path)));
		}
		return targets;
	}

	/**
	 * Per kind of page: latencies in microseconds and errors, filled by all connections.
	 */
	static final class Stats {

		private long[] micros = new long[1 << 14];

		private int count;

		final AtomicLong errors = new AtomicLong();

		final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

		synchronized void add(long micro) {
			if (this.count == this.micros.length) {
				this.micros = Arrays.copyOf(this.micros, this.count * 2);
			}
			this.micros[this.count++] = micro;
		}

		void error(String what) {
			this.errors.incrementAndGet();
			this.errorKinds.computeIfAbsent(what, (w) -> new AtomicLong()).incrementAndGet();
		}

		synchronized long[] sorted() {
			long[] copy = Arrays.copyOf(this.micros, this.count);
			Arrays.sort(copy);
			return copy;
		}

	}

	/**
	 * Each connection is one thread with its own client (so its own keep-alive
	 * connection) in a closed loop.
	 */
	private static Map<String, Stats> run(List<Target> targets, int connections, int seconds, boolean counted)
			throws InterruptedException {
		Map<String, Stats> stats = new LinkedHashMap<>();
		for (Target target : targets) {
			stats.computeIfAbsent(target.kind(), (k) -> new Stats());
		}
		// each kind of page gets a quarter of the requests, however many URLs it has
		List<List<Target>> byKind = new ArrayList<>();
		for (String kind : stats.keySet()) {
			byKind.add(targets.stream().filter((t) -> t.kind().equals(kind)).toList());
		}
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		CountDownLatch done = new CountDownLatch(connections);
		for (int c = 0; c < connections; c++) {
			int seed = c;
			Thread connection = new Thread(() -> {
				Random random = new Random(seed);
				HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
				try {
					while (System.nanoTime() < end) {
						List<Target> kindTargets = byKind.get(random.nextInt(byKind.size()));
						Target target = kindTargets.get(random.nextInt(kindTargets.size()));
						Stats kind = stats.get(target.kind());
						long start = System.nanoTime();
						try {
							HttpResponse<byte[]> response = client.send(
									HttpRequest.newBuilder(target.uri()).timeout(TIMEOUT).build(),
									HttpResponse.BodyHandlers.ofByteArray());
							long micros = (System.nanoTime() - start) / 1000;
							if (response.statusCode() != 200) {
								kind.error("status " + response.statusCode() + " " + target.uri().getPath());
							}
							else {
								kind.add(micros);
							}
						}
						catch (Exception ex) {
							kind.error(ex.getClass().getSimpleName() + " " + target.uri().getPath());
						}
					}
				}
				finally {
					done.countDown();
				}
			}, "load-" + c);
			connection.setDaemon(true);
			connection.start();
		}
		done.await();
		if (!counted) {
			System.out.println("Warm-up done");
		}
		return stats;
	}

	private static long report(Map<String, Stats> stats, int connections, int seconds) throws Exception {
		StringBuilder json = new StringBuilder("{\"connections\": " + connections + ", \"seconds\": " + seconds
				+ ", \"cores\": " + Runtime.getRuntime().availableProcessors() + ", \"kinds\": {");
		System.out.printf(Locale.ROOT, "%-9s %9s %8s %9s %9s %9s %7s%n", "kind", "requests", "req/s", "p50 ms",
				"p95 ms", "p99 ms", "errors");
		long allErrors = 0;
		List<long[]> all = new ArrayList<>();
		String separator = "";
		for (Map.Entry<String, Stats> entry : stats.entrySet()) {
			long[] sorted = entry.getValue().sorted();
			all.add(sorted);
			long errors = entry.getValue().errors.get();
			allErrors += errors;
			line(entry.getKey(), sorted, errors, seconds);
			json.append(separator).append(jsonFigures(entry.getKey(), sorted, errors, seconds));
			separator = ", ";
		}
		long[] total = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		line("all", total, allErrors, seconds);
		json.append("}, \"all\": ").append(jsonFigures(null, total, allErrors, seconds)).append("}\n");
		stats.forEach((kind, s) -> s.errorKinds
			.forEach((what, n) -> System.out.printf("  error %s: %s x%d%n", kind, what, n.get())));
		Path out = Files.createDirectories(Path.of("target", "bench")).resolve("load.json");
		Files.writeString(out, json);
		System.out.println("Figures written to " + out);
		return allErrors;
	}

	private static void line(String kind, long[] sorted, long errors, int seconds) {
		System.out.printf(Locale.ROOT, "%-9s %9d %8.0f %9.1f %9.1f %9.1f %7d%n", kind, sorted.length,
				sorted.length / (double) seconds, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.95) / 1000.0,
				percentile(sorted, 0.99) / 1000.0, errors);
	}

	private static String jsonFigures(String kind, long[] sorted, long errors, int seconds) {
		return String.format(Locale.ROOT,
				"%s{\"requests\": %d, \"rps\": %.1f, \"p50_ms\": %.1f, \"p95_ms\": %.1f, \"p99_ms\": %.1f, "
						+ "\"errors\": %d}",
				(kind != null) ? "\"" + kind + "\": " : "", sorted.length, sorted.length / (double) seconds,
				percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.95) / 1000.0, percentile(sorted, 0.99) / 1000.0,
				errors);
	}

	private static long percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
	}

	/**
	 * Ready ({@code /readyz}, readiness on the public port: on a first start, once the
	 * demo is imported) and the demo listed.
	 */
	private static void waitUntilReady(String base, Process app) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				HttpResponse<String> datasets = client.send(
						HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets")).build(),
						HttpResponse.BodyHandlers.ofString());
				HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.body().contains("\"UP\"") && datasets.body().contains("\"slug\":\"demo\"")) {
					return;
				}
			}
			catch (java.io.IOException notYet) {
				// not listening yet
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("the dashboard did not come up; see target/load/app.log");
	}

}
