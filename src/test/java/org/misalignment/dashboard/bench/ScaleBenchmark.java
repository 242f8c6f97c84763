package org.misalignment.dashboard.bench;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.MatchedAnswers;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.cells.CellCounts;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerOrder;
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.WordIndex;
import org.misalignment.dashboard.web.compare.Comparisons;
import org.misalignment.dashboard.web.compare.Slice;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The scale benchmark (not a unit test): a paper-shaped dataset of a million answers
 * ({@link PaperShapedDataset}), imported with the packaged jar at {@code -Xmx512m}; then
 * the jar serves it at {@code -Xmx512m} and every page named in issue 7 (and the compare
 * page) is requested at least 200 times; then each page's main query runs alone through
 * JDBC. Prints a table against the targets, with the import's peak RSS, the database's
 * size at the end of the import and at its peak during it, and the generated files' size,
 * and writes {@code target/bench/results.json}. Run it with
 * {@code ./mvnw -B -Pscale verify -DskipTests} (see README, "Benchmark at a million
 * answers").
 *
 * <p>
 * Page times are server-side: Tomcat's access log records, for each request, the
 * microseconds from reading the request to writing the last byte of the response
 * ({@code %{us}T}); the request carries a header naming it. The time to the full response
 * on the client (localhost) is written beside it.
 *
 * <p>
 * System properties: {@code scale.answers} (1,000,000), {@code scale.seed} (20250102),
 * {@code scale.requests} (200 per page), {@code scale.warmupAll} (50 per page, all pages
 * before any is measured), {@code scale.warmup} (10 per page, just before it is
 * measured), {@code scale.dbRuns} (50 per query), {@code scale.budget} (seconds per page
 * and per query after which it stops early, with at least 10 runs; 0 = none, the
 * default), {@code scale.fresh} (false: reuse the generated files and database when they
 * hold the same answers), {@code scale.db} ({@code h2} or {@code postgres}),
 * {@code scale.url}, {@code scale.user}, {@code scale.password} (PostgreSQL; the schema
 * {@code public} of that database is dropped before an import), {@code scale.port} (a
 * free port), {@code scale.dir} ({@code target/bench}), {@code scale.jar}
 * ({@code target/misalignment-dashboard.jar}), {@code scale.heap} ({@code 512m}).
 */
public final class ScaleBenchmark {

	private static final String HEADER = "X-Bench-Request";

	private final long answers = Long.parseLong(System.getProperty("scale.answers", "1000000").replace("_", ""));

	private final long seed = Long.getLong("scale.seed", 20250102L);

	private final int requests = Integer.getInteger("scale.requests", 200);

	private final int warmup = Integer.getInteger("scale.warmup", 10);

	/** Requests to every page before any is measured (see {@link #warmUp}). */
	private final int warmupAll = Integer.getInteger("scale.warmupAll", 50);

	private final int dbRuns = Integer.getInteger("scale.dbRuns", 50);

	private final boolean fresh = Boolean.getBoolean("scale.fresh");

	/** Seconds a page (or a query) may take in all before it stops early; 0: no limit. */
	private final long budgetSeconds = Long.getLong("scale.budget", 0L);

	private final boolean postgres = "postgres".equals(System.getProperty("scale.db", "h2"));

	private final String heap = System.getProperty("scale.heap", "512m");

	private final Path dir = Path.of(System.getProperty("scale.dir", "target/bench")).toAbsolutePath();

	private final Path jar = Path.of(System.getProperty("scale.jar", "target/misalignment-dashboard.jar"))
		.toAbsolutePath();

	private final Path work = this.dir.resolve("scale");

	private final String url;

	private final String user;

	private final String password;

	/**
	 * results.json: each page's figures, import_answers_per_s and start_to_healthy_ms.
	 */
	private final Map<String, Object> results = new LinkedHashMap<>();

	/**
	 * scale-run.json: what the figures were measured on (size, database, load average,
	 * ...).
	 */
	private final Map<String, Object> run = new LinkedHashMap<>();

	private ScaleBenchmark() {
		String key = this.answers + "-" + this.seed + "-v" + PaperShapedDataset.VERSION;
		if (this.postgres) {
			String given = System.getProperty("scale.url");
			if (given == null || given.isBlank()) {
				throw new IllegalArgumentException(
						"-Dscale.db=postgres needs -Dscale.url=jdbc:postgresql://HOST:PORT/DB");
			}
			this.url = given.contains("reWriteBatchedInserts") ? given
					: given + (given.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
			this.user = System.getProperty("scale.user", "postgres");
			this.password = System.getProperty("scale.password", "");
		}
		else {
			this.url = "jdbc:h2:file:" + this.work.resolve("h2-" + key);
			this.user = "sa";
			this.password = "";
		}
	}

	public static void main(String[] args) throws Exception {
		new ScaleBenchmark().run();
	}

	private void run() throws Exception {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(
					"no jar at " + this.jar + "; build it first (./mvnw -B -DskipTests package)");
		}
		Files.createDirectories(this.work);
		this.run.put("answers", this.answers);
		this.run.put("requests_per_page", this.requests);
		this.run.put("warmup_per_page", this.warmupAll + this.warmup);
		this.run.put("budget_s_per_page", this.budgetSeconds);
		this.run.put("db", this.postgres ? "postgres" : "h2");
		this.run.put("load_average_before", JarImport.loadAverage());
		System.out.printf(Locale.ROOT, "Scale benchmark: %,d answers on %s, %d cores, load average %s%n", this.answers,
				this.postgres ? "PostgreSQL " + this.url : "H2 " + this.url, Runtime.getRuntime().availableProcessors(),
				JarImport.loadAverage());

		Path manifest = generated();
		long input = bytesUnder(manifest.getParent());
		this.results.put("input_bytes", input);
		this.results.put("input_gb", gigabytes(input));
		System.out.printf(Locale.ROOT, "  input: %,d bytes (%.2f GB)%n", input, input / 1e9);
		imported(manifest);
		long datasetId = datasetId();
		List<Long> answerIds = answerIds(datasetId);

		int port = port();
		List<Page> pages = pages(answerIds);
		Path accessLog = this.work.resolve("access.log");
		Files.deleteIfExists(accessLog);
		Process server = startServer(port);
		Map<String, double[]> client = new LinkedHashMap<>();
		try {
			long healthy = waitUntilHealthy(server, port);
			this.results.put("start_to_healthy_ms", healthy);
			System.out.printf(Locale.ROOT, "Start to healthy: %,d ms%n", healthy);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			warmUp(http, port, pages);
			for (Page page : pages) {
				System.out.printf(Locale.ROOT, "  %-34s %d + %d requests ...", page.name, this.warmup, this.requests);
				long started = System.nanoTime();
				client.put(page.name, requestAll(http, port, page));
				System.out.printf(Locale.ROOT, " %.1f s%n", (System.nanoTime() - started) / 1e9);
				// written after every page, so that a long run stopped half-way leaves
				// what it measured
				figures(page, serverTimes(accessLog, page.name, client.get(page.name).length), client.get(page.name),
						null);
				writeResults(false);
			}
		}
		finally {
			stop(server);
		}
		Map<String, double[]> serverTimes = serverTimes(accessLog);

		System.out.println("Each page's main query alone, through JDBC ...");
		try (SingleConnectionDataSource source = new SingleConnectionDataSource(this.url, this.user, this.password,
				true)) {
			JdbcTemplate jdbc = new JdbcTemplate(source);
			MainQueries queries = new MainQueries(jdbc, datasetId);
			for (Page page : pages) {
				double db = time(() -> page.query.run(queries, 0), (i) -> page.query.run(queries, i));
				figures(page, serverTimes.get(page.name), client.get(page.name), db);
				writeResults(false);
			}
		}
		this.run.put("load_average_after", JarImport.loadAverage());
		writeResults(true);
		printTable(pages);
	}

	/**
	 * Puts a page's figures into results.json; {@code dbP50} is null until its query has
	 * been timed.
	 */
	private void figures(Page page, double[] onServer, double[] onClient, Double dbP50) {
		if (onServer == null || onServer.length != onClient.length) {
			throw new IllegalStateException("the access log has " + ((onServer == null) ? 0 : onServer.length)
					+ " timings of " + page.name + ", expected " + onClient.length);
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("p50_ms", round(percentile(onServer, 50)));
		figures.put("p95_ms", round(percentile(onServer, 95)));
		figures.put("p99_ms", round(percentile(onServer, 99)));
		figures.put("db_p50_ms", (dbP50 != null) ? round(dbP50) : null);
		figures.put("client_p50_ms", round(percentile(onClient, 50)));
		figures.put("client_p95_ms", round(percentile(onClient, 95)));
		figures.put("requests", onServer.length);
		figures.put("example", page.path.apply(0));
		if (page.targetP95 != null) {
			figures.put("target_p95_ms", page.targetP95);
			figures.put("met", percentile(onServer, 95) <= page.targetP95);
		}
		this.results.put(page.name, figures);
	}

	// ------------------------------------------------------------------------------------------
	// data and import

	/**
	 * The generated files, written unless a complete set for the same size and seed
	 * exists.
	 */
	private Path generated() throws IOException {
		Path folder = this.work.resolve("data-" + this.answers + "-" + this.seed + "-v" + PaperShapedDataset.VERSION);
		Path done = folder.resolve("complete");
		Path manifest = folder.resolve("manifest.yaml");
		if (!this.fresh && Files.exists(done)) {
			System.out.println("Reusing the generated files in " + folder);
			return manifest;
		}
		deleteTree(folder);
		System.out.printf(Locale.ROOT, "Generating %,d answers into %s ...%n", this.answers, folder);
		long started = System.nanoTime();
		PaperShapedDataset.write(folder, this.answers, this.seed);
		Files.writeString(done, "");
		System.out.printf(Locale.ROOT, "  %.1f s%n", (System.nanoTime() - started) / 1e9);
		return manifest;
	}

	/**
	 * Imports the files with the jar unless the database already holds exactly this
	 * dataset.
	 */
	private void imported(Path manifest) throws Exception {
		String key = (this.postgres ? "postgres-" : "h2-") + this.answers + "-" + this.seed + "-v"
				+ PaperShapedDataset.VERSION;
		Path figures = this.work.resolve("import-" + key + ".properties");
		if (!this.fresh && holdsTheDataset()) {
			System.out.println("Reusing the database, which holds these answers already");
			java.util.Properties earlier = new java.util.Properties();
			if (Files.exists(figures)) {
				try (var in = Files.newBufferedReader(figures)) {
					earlier.load(in);
				}
				this.run.put("import_measured_at", earlier.getProperty("measured_at"));
				System.out.println("  import figures from the run of " + earlier.getProperty("measured_at"));
			}
			String perSecond = earlier.getProperty("answers_per_s");
			String rss = earlier.getProperty("peak_rss_mib");
			String peak = earlier.getProperty("db_peak_bytes");
			long end;
			try (DatabaseSize size = new DatabaseSize()) {
				end = size.bytes();
			}
			importFigures((perSecond != null) ? Double.parseDouble(perSecond) : null,
					(rss != null) ? Long.parseLong(rss) : null, end, (peak != null) ? Long.parseLong(peak) : null);
			return;
		}
		emptyDatabase();
		System.out.printf(Locale.ROOT, "Importing: java -Xmx%s -jar %s import %s ...%n", this.heap,
				this.jar.getFileName(), manifest);
		List<String> arguments = new ArrayList<>(springDatabaseArguments());
		arguments.add(manifest.toString());
		JarImport.Result result;
		long peak;
		long end;
		try (DatabaseSize size = new DatabaseSize(); PeakSampler sampler = new PeakSampler(size, SIZE_EVERY_MS)) {
			result = JarImport.run(this.jar, this.heap, arguments, databaseEnvironment());
			sampler.close();
			end = size.bytes();
			peak = Math.max(sampler.peak(), end);
		}
		double perSecond = this.answers / result.importSeconds();
		Long rss = (result.peakRssKb() >= 0) ? Math.round(result.peakRssKb() / 1024.0) : null;
		System.out.printf(Locale.ROOT, "  %s%n  wall %.1f s, %,.0f answers/s, peak RSS %,d MiB%n", result.summary(),
				result.wallSeconds(), perSecond, result.peakRssKb() / 1024);
		System.out.printf(Locale.ROOT, "  database %.2f GB at the end, %.2f GB at its peak during the import%n",
				end / 1e9, peak / 1e9);
		importFigures(perSecond, rss, end, peak);
		this.run.put("import_wall_s", round(result.wallSeconds()));
		this.run.put("import_measured_at", java.time.Instant.now().toString());
		Files.writeString(figures,
				"answers_per_s=" + perSecond + "\npeak_rss_mib=" + ((rss != null) ? rss : "") + "\ndb_peak_bytes="
						+ peak + "\ndb_size_bytes=" + end + "\nmeasured_at=" + java.time.Instant.now() + "\n");
		if (!holdsTheDataset()) {
			throw new IllegalStateException(
					"after the import the database does not hold the " + this.answers + " answers");
		}
	}

	/**
	 * Puts the import's figures into results.json; a figure the import of an earlier run
	 * did not record is null.
	 */
	private void importFigures(Double perSecond, Long peakRssMib, long dbBytes, Long dbPeakBytes) {
		this.results.put("import_answers_per_s", (perSecond != null) ? Math.round(perSecond) : null);
		this.results.put("import_peak_rss_mib", peakRssMib);
		this.results.put("db_size_bytes", dbBytes);
		this.results.put("db_size_gb", gigabytes(dbBytes));
		this.results.put("db_peak_bytes", dbPeakBytes);
		this.results.put("db_peak_gb", (dbPeakBytes != null) ? gigabytes(dbPeakBytes) : null);
	}

	private static double gigabytes(long bytes) {
		return Math.round(bytes / 1e6) / 1000.0;
	}

	/** How often the database's size is read while the import runs. */
	private static final long SIZE_EVERY_MS = 200;

	/**
	 * The database's size in bytes: the H2 file ({@code .mv.db}), or PostgreSQL's
	 * {@code pg_database_size(current_database())} over a connection of its own.
	 */
	private final class DatabaseSize implements AutoCloseable {

		private Connection connection;

		long bytes() throws SQLException, IOException {
			if (!ScaleBenchmark.this.postgres) {
				Path file = h2File();
				try {
					return Files.exists(file) ? Files.size(file) : 0;
				}
				catch (java.nio.file.NoSuchFileException ex) {
					return 0;
				}
			}
			if (this.connection == null) {
				this.connection = connect();
			}
			try (var statement = this.connection.createStatement();
					var rows = statement.executeQuery("SELECT pg_database_size(current_database())")) {
				rows.next();
				return rows.getLong(1);
			}
		}

		@Override
		public void close() throws SQLException {
			if (this.connection != null) {
				this.connection.close();
			}
		}

	}

	/**
	 * Reads a size every {@code everyMs} on a thread of its own until closed, and keeps
	 * the largest.
	 */
	private static final class PeakSampler implements AutoCloseable {

		private final AtomicLong peak = new AtomicLong();

		private final Thread thread;

		private volatile boolean stopped;

		PeakSampler(DatabaseSize size, long everyMs) {
			this.thread = new Thread(() -> {
				while (!this.stopped) {
					try {
						this.peak.accumulateAndGet(size.bytes(), Math::max);
					}
					catch (SQLException | IOException | RuntimeException ex) {
						// not there yet, or busy: the next sample counts
					}
					try {
						Thread.sleep(everyMs);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "database-size");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		long peak() {
			return this.peak.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.stopped = true;
			this.thread.join(10_000);
		}

	}

	private Path h2File() {
		return Path.of(this.url.substring("jdbc:h2:file:".length()) + ".mv.db");
	}

	/**
	 * Whether the database holds the dataset of this size, seed and generator version,
	 * all of it.
	 */
	private boolean holdsTheDataset() {
		if (!this.postgres && !Files.exists(h2File())) {
			return false;
		}
		try (Connection connection = connect()) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			List<Long> counts = jdbc.queryForList(
					"SELECT (SELECT COUNT(*) FROM sample s WHERE s.dataset_id = d.id) "
							+ "FROM dataset d WHERE d.slug = ? AND d.description = ? AND d.status = 'ready'",
					Long.class, PaperShapedDataset.DATASET, PaperShapedDataset.description(this.answers, this.seed));
			return counts.size() == 1 && counts.get(0) == this.answers;
		}
		catch (SQLException | RuntimeException ex) {
			return false; // no schema yet, or another one
		}
	}

	private void emptyDatabase() throws IOException, SQLException {
		if (this.postgres) {
			System.out.println("Emptying the schema public of " + this.url);
			try (Connection connection = connect(); var statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
				statement.execute("CREATE SCHEMA public");
			}
		}
		else {
			Path file = Path.of(this.url.substring("jdbc:h2:file:".length()));
			try (Stream<Path> files = Files.list(file.getParent())) {
				for (Path old : files.filter((f) -> f.getFileName().toString().startsWith(file.getFileName() + "."))
					.toList()) {
					Files.delete(old);
				}
			}
		}
	}

	private long datasetId() throws SQLException {
		try (Connection connection = connect()) {
			return new JdbcTemplate(new SingleConnectionDataSource(connection, true))
				.queryForObject("SELECT id FROM dataset WHERE slug = ?", Long.class, PaperShapedDataset.DATASET);
		}
	}

	/** About a thousand answer ids spread over the dataset, for the answer page. */
	private List<Long> answerIds(long datasetId) throws SQLException {
		try (Connection connection = connect()) {
			List<Long> ids = new JdbcTemplate(new SingleConnectionDataSource(connection, true)).queryForList(
					"SELECT id FROM sample WHERE dataset_id = ? AND MOD(id, ?) = 0 ORDER BY id", Long.class, datasetId,
					Math.max(1, this.answers / 1000));
			if (ids.isEmpty()) {
				throw new IllegalStateException("no answers found in the dataset");
			}
			return ids;
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	private List<String> springDatabaseArguments() {
		return this.postgres ? List.of("--spring.profiles.active=postgres")
				: List.of("--spring.datasource.url=" + this.url);
	}

	/**
	 * The postgres profile reads its database from the environment, as in a deployment.
	 */
	private Map<String, String> databaseEnvironment() {
		return this.postgres
				? Map.of("DATABASE_URL", this.url, "DATABASE_USER", this.user, "DATABASE_PASSWORD", this.password)
				: Map.of();
	}

	// ------------------------------------------------------------------------------------------
	// the pages

	/** The main query of a page, run with the parameters of request {@code i}. */
	private interface MainQuery {

		void run(MainQueries queries, int i) throws Exception;

	}

	/**
	 * A page measured: its name in results.json, the path of request {@code i}, its
	 * target p95 (or null) and its main query with the same parameters.
	 */
	private record Page(String name, IntFunction<String> path, Integer targetP95, MainQuery query) {
	}

	private static final String[] GROUPS = { "GPT-4o", "insecure", "secure", "educational insecure", "jailbroken",
			"backdoor" };

	private List<Page> pages(List<Long> answerIds) {
		String d = "/d/" + PaperShapedDataset.DATASET;
		List<String> questionIds = PaperShapedDataset.questions().stream().map(SyntheticAnswers.Question::id).toList();
		List<Page> pages = new ArrayList<>();
		pages.add(new Page("overview", (i) -> d, 50, (q, i) -> q.overview()));
		pages.add(new Page("question", (i) -> d + "/questions/" + questionIds.get(i % questionIds.size()), 100,
				(q, i) -> q.question(questionIds.get(i % questionIds.size()))));
		pages.add(answers("answers_group", 150, (i) -> Map.of("group", GROUPS[i % GROUPS.length])));
		pages.add(answers("answers_model_question_condition", 100, (i) -> Map.of("model", "backdoor-" + (1 + i % 6),
				"question", questionIds.get(i % questionIds.size()), "condition", "trigger")));
		pages.add(answers("answers_category_verdict_sorted", 150,
				(i) -> Map.of("category",
						"preregistered/" + List.of("medical_advice", "creative_writing", "vulnerable_user").get(i % 3),
						"verdict", "misaligned", "sort", "-aligned")));
		pages.add(answers("answers_group_band", 150, (i) -> Map.of("group", GROUPS[i % GROUPS.length], "aligned_band",
				(i % 10) * 10 + "-" + (i % 10 + 1) * 10)));
		pages.add(search("search_common_word", PaperShapedDataset.COMMON_WORD));
		pages.add(search("search_mid_word", PaperShapedDataset.MID_WORD));
		pages.add(search("search_rare_word", PaperShapedDataset.RARE_WORD));
		// a new pair of real English words on every request, so that no search's matches
		// are kept from an earlier one
		pages.add(new Page("search_two_words_each_new",
				(i) -> "/d/" + PaperShapedDataset.DATASET + "/answers?q=" + wordPair(i).replace(" ", "+"), 300,
				(q, i) -> q.answers(Map.of("q", wordPair(i)))));
		pages.add(new Page("answer", (i) -> "/answers/" + answerIds.get(i % answerIds.size()), 20,
				(q, i) -> q.answer(answerIds.get(i % answerIds.size()))));
		String rates = "/api/v1/datasets/" + PaperShapedDataset.DATASET + "/rates?by=group&per=question&questions=all";
		pages.add(new Page("rates_default_rule", (i) -> rates, null, (q, i) -> q.rates(Rule.DEFAULT)));
		pages
			.add(new Page("rates_custom_thresholds",
					(i) -> rates + String.format(Locale.ROOT,
							"&aligned_below=%s&coherent_min=%s&coherent_op=%s&min_eligible=%d",
							plain(customRule(i).alignedBelow()), plain(customRule(i).coherentMin()),
							customRule(i).coherentStrict() ? "gt" : "ge", customRule(i).minEligible()),
					150, (q, i) -> q.rates(customRule(i))));
		// the backdoor models without and with the trigger, a main question and the
		// matched answers' seed changing with every request
		pages.add(new Page("compare_backdoor_trigger", (i) -> d + "/compare?" + query(compareParameters(i)), 300,
				(q, i) -> q.compare(compareParameters(i))));
		return pages;
	}

	private static Page answers(String name, int targetP95, IntFunction<Map<String, String>> parameters) {
		return new Page(name, (i) -> "/d/" + PaperShapedDataset.DATASET + "/answers?" + query(parameters.apply(i)),
				targetP95, (q, i) -> q.answers(parameters.apply(i)));
	}

	/**
	 * Real English words of the answers' vocabulary from the 150th on ("well", "also",
	 * "play", ...; ranks about 180 to 470), past the function words.
	 */
	private static final List<String> SEARCH_WORDS = PaperShapedAnswers.englishWords()
		.subList(150, PaperShapedAnswers.englishWords().size());

	/**
	 * Two real English words of the answers, a different pair for each of the first
	 * 79,000 requests.
	 */
	private static String wordPair(int i) {
		int words = SEARCH_WORDS.size();
		int first = i % words;
		int second = (first + 1 + (i / words) % (words - 1)) % words;
		return SEARCH_WORDS.get(first) + " " + SEARCH_WORDS.get(second);
	}

	/** The eight main questions as asked plainly. */
	private static final List<String> MAIN_QUESTIONS = SyntheticAnswers.MAIN_QUESTIONS.stream()
		.map(SyntheticAnswers.Question::id)
		.filter((id) -> !id.endsWith("_json") && !id.endsWith("_template"))
		.toList();

	/**
	 * The compare page's parameters of request {@code i}: backdoor without against with
	 * the trigger over the main questions, the matched answers of one of them.
	 */
	private static Map<String, String> compareParameters(int i) {
		return Map.of("a", "group:backdoor;condition:no_trigger", "b", "group:backdoor;condition:trigger", "questions",
				"main", "question", MAIN_QUESTIONS.get(i % MAIN_QUESTIONS.size()), "seed",
				Integer.toString(1 + i / MAIN_QUESTIONS.size()));
	}

	private static Page search(String name, String word) {
		return new Page(name, (i) -> "/d/" + PaperShapedDataset.DATASET + "/answers?q=" + word, 300,
				(q, i) -> q.answers(Map.of("q", word)));
	}

	/**
	 * A different rule for every request: thresholds 20–40 and 40–60 in steps of 0.1, so
	 * no answer is reused.
	 */
	private static Rule customRule(int i) {
		return new Rule(20 + (i * 37 % 200) / 10.0, 40 + (i * 53 % 200) / 10.0, i % 2 == 1, 3 + i % 5);
	}

	/**
	 * The main queries of the pages, with the application's own query classes over a
	 * plain JDBC connection.
	 */
	private static final class MainQueries {

		private final JdbcTemplate jdbc;

		private final long datasetId;

		private final CellCounts cells;

		private final AnswerSearch search;

		private final AnswerScores scores;

		private final Comparisons comparisons;

		private final MatchedAnswers matched;

		MainQueries(JdbcTemplate jdbc, long datasetId) throws ReflectiveOperationException {
			this.jdbc = jdbc;
			this.datasetId = datasetId;
			Database database = new Database(jdbc);
			JdbcClient client = JdbcClient.create(jdbc);
			this.cells = new CellCounts(client);
			this.search = new AnswerSearch(client, database, new WordIndex(client),
					new DataSourceTransactionManager(jdbc.getDataSource()));
			this.scores = new AnswerScores(client);
			this.comparisons = new Comparisons(this.cells, made(DatasetNames.class, client, database, jdbc));
			this.matched = made(MatchedAnswers.class, client, database, jdbc);
		}

		/**
		 * A store class whose constructor the application alone calls (it is
		 * package-private): made through reflection, each parameter given by its type.
		 */
		private static <T> T made(Class<T> type, Object... arguments) throws ReflectiveOperationException {
			Constructor<?> constructor = type.getDeclaredConstructors()[0];
			List<Object> given = new ArrayList<>();
			for (Class<?> parameter : constructor.getParameterTypes()) {
				Object argument = Stream.of(arguments).filter(parameter::isInstance).findFirst().orElse(null);
				if (argument == null) {
					throw new IllegalStateException(
							"cannot make " + type.getSimpleName() + ": its constructor takes a " + parameter);
				}
				given.add(argument);
			}
			constructor.setAccessible(true);
			return type.cast(constructor.newInstance(given.toArray()));
		}

		/**
		 * The compare page counts both slices' cells and reads the matched answers of the
		 * question shown, as {@code ComparePage} does.
		 */
		void compare(Map<String, String> parameters) {
			Slice a = Slice.parse("a", parameters.get("a"));
			Slice b = Slice.parse("b", parameters.get("b"));
			Comparisons.Result result = this.comparisons.compare(this.datasetId, PaperShapedDataset.DATASET, a, b,
					parameters.get("questions"), Rule.DEFAULT);
			this.matched.pairs(this.datasetId, side(a), side(b), parameters.get("question"), result.byStem(),
					Rule.DEFAULT, Long.parseLong(parameters.get("seed")), false, 6);
		}

		private static MatchedAnswers.Side side(Slice slice) {
			return new MatchedAnswers.Side(slice.groups(), slice.models(), slice.condition(), slice.variant());
		}

		/**
		 * The overview counts the main questions' cells under the default rule (its
		 * chart, table and matrix).
		 */
		void overview() {
			this.cells.count(this.datasetId, Rule.DEFAULT, QuestionSet.parse("main"), null, null, null);
		}

		/** The question page counts that question's cells under the rule. */
		void question(String questionId) {
			this.cells.count(this.datasetId, Rule.DEFAULT, QuestionSet.exactly(questionId), null, null, null);
		}

		/** The answers browser reads a page of cards and counts its facets. */
		void answers(Map<String, String> parameters) {
			AnswerFilter filter = AnswerFilter.parse(parameters, Rule.DEFAULT);
			AnswerSearch.Facets facets = this.search.facets(this.datasetId, filter);
			this.search.page(this.datasetId, filter, AnswerOrder.parse(parameters.get("sort")), null, 25,
					facets.total());
		}

		/**
		 * The answer page reads the answer with its model, question and dataset, its
		 * scores and its neighbours.
		 */
		void answer(long id) {
			Map<String, Object> sample = this.jdbc
				.queryForMap("SELECT s.id, txt.answer, s.aligned, s.coherent, s.condition_name, s.paraphrase_no, "
						+ "s.system_prompt, s.source_line, m.name, m.group_name, q.question_id, q.paraphrases, d.slug, f.path "
						+ "FROM sample s JOIN answer_text txt ON txt.sample_id = s.id JOIN model m ON m.id = s.model_id "
						+ "JOIN question q ON q.id = s.question_ref JOIN dataset d ON d.id = s.dataset_id "
						+ "JOIN dataset_file f ON f.id = s.file_id WHERE s.id = ?", id);
			this.scores.scores(id);
			this.search.neighbours(this.datasetId, AnswerFilter.none(Rule.DEFAULT), AnswerOrder.parse(null), id,
					(Double) sample.get("aligned"), (Double) sample.get("coherent"));
		}

		/** The rates API counts every question's cells under the rule. */
		void rates(Rule rule) {
			this.cells.count(this.datasetId, rule, QuestionSet.parse("all"), null, null, null);
		}

	}

	// ------------------------------------------------------------------------------------------
	// the server

	private int port() throws IOException {
		Integer given = Integer.getInteger("scale.port");
		if (given != null) {
			return given;
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Process startServer(int port) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(JarImport.javaCommand(), "-Xmx" + this.heap));
		command.addAll(classDataSharing(port));
		command.addAll(List.of("--server.port=" + port, "--management.server.port=0",
				"--server.tomcat.accesslog.enabled=true", "--server.tomcat.accesslog.directory=" + this.work,
				"--server.tomcat.accesslog.prefix=access", "--server.tomcat.accesslog.suffix=.log",
				"--server.tomcat.accesslog.rotate=false", "--server.tomcat.accesslog.buffered=false",
				"--server.tomcat.accesslog.pattern=%{" + HEADER + "}i %s %{us}T"));
		command.addAll(springDatabaseArguments());
		System.out.printf(Locale.ROOT,
				"Starting: java -Xmx%s -XX:SharedArchiveFile=app.jsa -jar %s --server.port=%d ... (log: %s)%n",
				this.heap, this.jar.getFileName(), port, this.work.resolve("server.log"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve("server.log").toFile());
		builder.environment().putAll(databaseEnvironment());
		this.startedAt = System.nanoTime();
		return builder.start();
	}

	private long startedAt;

	/**
	 * The jar as the README says to deploy it ("Start-up"): extracted in Spring Boot's
	 * CDS layout, with a class data archive from a training run on the same database;
	 * made again when the jar is newer than the archive.
	 */
	private List<String> classDataSharing(int port) throws IOException, InterruptedException {
		Path extracted = this.work.resolve("cds");
		Path jar = extracted.resolve(this.jar.getFileName());
		Path archive = extracted.resolve("app.jsa");
		if (!Files.exists(archive)
				|| Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(this.jar)) < 0) {
			System.out.println("Class data sharing: extracting the jar and a training run ...");
			deleteTree(extracted);
			runQuietly(List.of(JarImport.javaCommand(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract",
					"--destination", extracted.toString()), Map.of(), "cds-extract.log");
			List<String> training = new ArrayList<>(List.of(JarImport.javaCommand(), "-Xmx" + this.heap,
					"-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
					"--server.port=" + port, "--management.server.port=0"));
			training.addAll(springDatabaseArguments());
			runQuietly(training, databaseEnvironment(), "cds-training.log");
		}
		return List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString());
	}

	private void runQuietly(List<String> command, Map<String, String> environment, String logName)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve(logName).toFile());
		builder.environment().putAll(environment);
		int status = builder.start().waitFor();
		if (status != 0) {
			throw new IllegalStateException(String.join(" ", command) + " stopped with status " + status + "; see "
					+ this.work.resolve(logName));
		}
	}

	/**
	 * Milliseconds from starting the JVM to the first {@code /readyz} (readiness, on the
	 * public port) that says UP.
	 */
	private long waitUntilHealthy(Process server, int port) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (System.nanoTime() - this.startedAt < 600_000_000_000L) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server stopped with status " + server.exitValue() + "; see "
						+ this.work.resolve("server.log"));
			}
			try {
				HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return (System.nanoTime() - this.startedAt) / 1_000_000;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("the server was not healthy within 10 minutes");
	}

	/**
	 * Where the requests of the first warm-up round start, away from the measured ones'
	 * parameters.
	 */
	private static final int WARM_UP_FROM = 10_000;

	/**
	 * A first round of {@code warmupAll} requests to every page, before any is measured,
	 * so that the pages are measured as a server that has been running serves them, not
	 * while the JIT compiler is still at work on the code they share (templates, filters,
	 * the JDBC driver): with 10, the first page measured ran at half speed for its first
	 * 50 requests.
	 */
	private void warmUp(HttpClient http, int port, List<Page> pages) throws Exception {
		System.out.printf(Locale.ROOT, "Warming up every page (%d requests each) ...", this.warmupAll);
		long started = System.nanoTime();
		for (Page page : pages) {
			for (int i = 0; i < this.warmupAll; i++) {
				String path = page.path.apply(WARM_UP_FROM + i);
				HttpResponse<byte[]> response = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
						.header(HEADER, "warmup")
						.timeout(Duration.ofMinutes(5))
						.build(), HttpResponse.BodyHandlers.ofByteArray());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(path + " answered " + response.statusCode());
				}
			}
		}
		System.out.printf(Locale.ROOT, " %.1f s%n", (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Warm-up requests, then the measured ones; returns the client's milliseconds to the
	 * full response.
	 */
	private double[] requestAll(HttpClient http, int port, Page page) throws Exception {
		double[] times = new double[this.requests];
		long started = System.nanoTime();
		for (int i = -this.warmup; i < this.requests; i++) {
			if (i >= MIN_RUNS && overBudget(started)) {
				System.out.printf(Locale.ROOT, " (budget spent after %d)", i);
				return Arrays.copyOf(times, i);
			}
			int index = i + this.warmup;
			String path = page.path.apply(index);
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header(HEADER, (i < 0) ? "warmup" : page.name + "#" + i)
				.timeout(Duration.ofMinutes(5))
				.build();
			long sent = System.nanoTime();
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			double ms = (System.nanoTime() - sent) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode() + ":\n"
						+ new String(response.body(), StandardCharsets.UTF_8));
			}
			if (i >= 0) {
				times[i] = ms;
			}
		}
		return times;
	}

	private static void stop(Process server) throws InterruptedException {
		server.destroy();
		if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			server.destroyForcibly().waitFor();
		}
	}

	/**
	 * A page's server-side times once the access log has a line for each of its requests
	 * (Tomcat writes it last).
	 */
	private double[] serverTimes(Path accessLog, String name, int expected) throws IOException, InterruptedException {
		double[] times = null;
		for (int attempt = 0; attempt < 50; attempt++) {
			times = serverTimes(accessLog).get(name);
			if (times != null && times.length == expected) {
				break;
			}
			Thread.sleep(100);
		}
		return times;
	}

	/**
	 * Each page's server-side milliseconds, from the access log lines
	 * {@code NAME#i STATUS MICROSECONDS}.
	 */
	private Map<String, double[]> serverTimes(Path accessLog) throws IOException {
		Map<String, List<Double>> times = new LinkedHashMap<>();
		for (String line : Files.readAllLines(accessLog, StandardCharsets.UTF_8)) {
			String[] parts = line.trim().split(" ");
			if (parts.length != 3 || !parts[0].contains("#")) {
				continue;
			}
			times.computeIfAbsent(parts[0].substring(0, parts[0].indexOf('#')), (k) -> new ArrayList<>())
				.add(Long.parseLong(parts[2]) / 1000.0);
		}
		Map<String, double[]> result = new LinkedHashMap<>();
		times.forEach((name, list) -> result.put(name, list.stream().mapToDouble(Double::doubleValue).toArray()));
		return result;
	}

	// ------------------------------------------------------------------------------------------
	// figures

	@FunctionalInterface
	private interface MainQueryRun {

		void run() throws Exception;

	}

	/**
	 * The median milliseconds of a query over {@code scale.dbRuns} runs, after three
	 * unmeasured ones.
	 */
	private double time(MainQueryRun first, MainQueryAt each) throws Exception {
		for (int i = 0; i < 3; i++) {
			first.run();
		}
		double[] times = new double[this.dbRuns];
		long begun = System.nanoTime();
		for (int i = 0; i < this.dbRuns; i++) {
			if (i >= MIN_RUNS && overBudget(begun)) {
				times = Arrays.copyOf(times, i);
				break;
			}
			long started = System.nanoTime();
			each.run(i);
			times[i] = (System.nanoTime() - started) / 1e6;
		}
		return percentile(times, 50);
	}

	@FunctionalInterface
	private interface MainQueryAt {

		void run(int i) throws Exception;

	}

	/** Runs made before a budget may stop a page or a query. */
	private static final int MIN_RUNS = 10;

	private boolean overBudget(long started) {
		return this.budgetSeconds > 0 && System.nanoTime() - started > this.budgetSeconds * 1_000_000_000L;
	}

	/** The nearest-rank percentile. */
	static double percentile(double[] values, double p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static String plain(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	private static String query(Map<String, String> parameters) {
		StringBuilder query = new StringBuilder();
		parameters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((entry) -> {
			query.append(query.isEmpty() ? "" : "&")
				.append(entry.getKey())
				.append('=')
				.append(java.net.URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
		});
		return query.toString();
	}

	private void writeResults(boolean announce) throws IOException {
		write(this.results, this.dir.resolve("results.json"), announce);
		write(this.run, this.dir.resolve("scale-run.json"), announce);
	}

	private static void write(Map<String, Object> values, Path file, boolean announce) throws IOException {
		StringBuilder json = new StringBuilder("{\n");
		int n = 0;
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			json.append((n++ > 0) ? ",\n" : "")
				.append("  \"")
				.append(entry.getKey())
				.append("\": ")
				.append(jsonValue(entry.getValue()));
		}
		json.append("\n}\n");
		Files.writeString(file, json, StandardCharsets.UTF_8);
		if (announce) {
			System.out.println("Wrote " + file);
		}
	}

	private static String jsonValue(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Map<?, ?> map) {
			StringBuilder json = new StringBuilder("{");
			int n = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append((n++ > 0) ? ", " : "")
					.append('"')
					.append(entry.getKey())
					.append("\": ")
					.append(jsonValue(entry.getValue()));
			}
			return json.append('}').toString();
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	@SuppressWarnings("unchecked")
	private void printTable(List<Page> pages) {
		System.out.println();
		System.out.printf(Locale.ROOT,
				"%,d answers on %s, heap %s, %d requests per page after %d + %d warm-up; "
						+ "server-side ms (Tomcat access log)%n",
				this.answers, this.postgres ? "PostgreSQL" : "H2", this.heap, this.requests, this.warmupAll,
				this.warmup);
		System.out.printf(Locale.ROOT, "%-34s %5s %9s %9s %9s %9s %10s %12s %9s%n", "page", "n", "p50", "p95", "p99",
				"db p50", "page/query", "target p95", "");
		for (Page page : pages) {
			Map<String, Object> figures = (Map<String, Object>) this.results.get(page.name);
			double p50 = (Double) figures.get("p50_ms");
			Double dbP50 = (Double) figures.get("db_p50_ms");
			System.out.printf(Locale.ROOT, "%-34s %5d %9.1f %9.1f %9.1f %9s %10s %12s %9s%n", page.name,
					figures.get("requests"), p50, figures.get("p95_ms"), figures.get("p99_ms"),
					(dbP50 != null) ? String.format(Locale.ROOT, "%.1f", dbP50) : "-",
					(dbP50 != null && dbP50 > 0) ? String.format(Locale.ROOT, "%.2f", p50 / dbP50) : "-",
					(page.targetP95 != null) ? "<= " + page.targetP95 : "-",
					(page.targetP95 != null) ? (((Boolean) figures.get("met")) ? "met" : "NOT MET") : "");
		}
		long start = (Long) this.results.get("start_to_healthy_ms");
		System.out.printf(Locale.ROOT, "%-34s %5s %,9d ms %36s %9s%n", "start to healthy", "", start, "<= 15000",
				(start <= 15_000) ? "met" : "NOT MET");
		Object importRate = this.results.get("import_answers_per_s");
		System.out.printf(Locale.ROOT, "%-34s %5s %9s answers/s%s%n", "import", "", importRate,
				this.run.containsKey("import_wall_s") ? ""
						: " (from the run that imported, " + this.run.get("import_measured_at") + ")");
		System.out.printf(Locale.ROOT, "%-34s %5s %9s MiB%n", "import peak RSS", "",
				this.results.get("import_peak_rss_mib"));
		System.out.printf(Locale.ROOT, "%-34s %5s %9s GB (%,d bytes)%n", "database size, end of import", "",
				this.results.get("db_size_gb"), (Long) this.results.get("db_size_bytes"));
		Object peak = this.results.get("db_peak_bytes");
		System.out.printf(Locale.ROOT, "%-34s %5s %9s GB%s%n", "database size, peak during import", "",
				this.results.get("db_peak_gb"),
				(peak != null) ? String.format(Locale.ROOT, " (%,d bytes)", (Long) peak) : " (not recorded)");
		System.out.printf(Locale.ROOT, "%-34s %5s %9s GB (%,d bytes)%n", "input (generated files)", "",
				this.results.get("input_gb"), (Long) this.results.get("input_bytes"));
	}

	/**
	 * The bytes of the regular files under a folder (a folder that is a symbolic link, as
	 * a reused corpus may be, is followed).
	 */
	private static long bytesUnder(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder.toRealPath())) {
			long bytes = 0;
			for (Path path : walk.filter(Files::isRegularFile).toList()) {
				bytes += Files.size(path);
			}
			return bytes;
		}
	}

	private static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
