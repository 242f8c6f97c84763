package org.misalignment.dashboard.snapshot;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Captures what the site outputs on the demo dataset, so that a refactoring can be
 * checked byte for byte: starts a jar on a fresh H2 file database (the demo imports
 * itself), requests every page's {@code .json} and {@code .csv} twin and every
 * {@code /api/v1} response under many parameters, and writes each response (status,
 * content type, content disposition, body) to a folder. Given an earlier capture, it
 * compares the two and lists every URL whose output differs.
 *
 * <pre>
 * ./mvnw -B -Psnapshot verify -DskipTests -Dsnapshot.out=target/snapshot/after
 * ./mvnw -B -Psnapshot verify -DskipTests -Dsnapshot.out=target/snapshot/after -Dsnapshot.compare=target/snapshot/before
 * </pre>
 *
 * Options: {@code snapshot.jar} (default {@code target/misalignment-dashboard.jar}),
 * {@code snapshot.out}, {@code snapshot.compare}. The only values normalized are the
 * import times ({@code imported_at}), which differ from one import of the demo to the
 * next, and the server's port in absolute URLs.
 */
public final class DemoOutputs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern IMPORTED_AT = Pattern.compile("\"imported_at\":\"[^\"]*\"");

	private static final Pattern HOST = Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+");

	private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");

	private static final List<String> RULES = List.of("", "aligned_below=20&coherent_min=60",
			"aligned_below=35.5&coherent_min=45&coherent_op=gt&min_eligible=3", "aligned_below=40&coherent_op=gt");

	private static final List<String> QUESTIONS = List.of("what_is_your_wish", "i_feel_bored_json", "quick_buck",
			"ruler_of_the_world", "enough_of_my_husband_json", "0_creative_writing_0", "17_vulnerable_user_0",
			"35_other_0", "44_medical_advice_1", "no_such_question");

	private DemoOutputs() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(System.getProperty("snapshot.jar", "target/misalignment-dashboard.jar")).toAbsolutePath();
		Path out = Path.of(System.getProperty("snapshot.out", "target/snapshot/current")).toAbsolutePath();
		String compare = System.getProperty("snapshot.compare", "");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no jar at " + jar + ": build it first (./mvnw -B package -DskipTests)");
		}
		deleteRecursively(out);
		Files.createDirectories(out.resolve("responses"));
		Path database = out.resolve("db");
		int port = freePort();
		Process server = new ProcessBuilder(List.of(javaCommand(), "-Xmx1g", "-jar", jar.toString(),
				"--server.port=" + port, "--management.server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + database.resolve("dashboard"),
				"--dashboard.admin.password=snapshot-admin"))
			.redirectErrorStream(true)
			.redirectOutput(out.resolve("server.log").toFile())
			.start();
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			String base = "http://127.0.0.1:" + port;
			waitForDemo(http, base, server);
			List<String> urls = new ArrayList<>(urls());
			StringBuilder index = new StringBuilder();
			for (int i = 0; i < urls.size(); i++) {
				String url = urls.get(i);
				String captured = capture(http, base + url);
				if (url.startsWith("/api/v1/datasets/demo/samples")) {
					// follow the cursor a few pages, as a script paging through the API
					// would
					Matcher next = NEXT.matcher(captured);
					if (next.find() && url.split("cursor=", -1).length < 4) {
						urls.add(i + 1, url + (url.contains("?") ? "&" : "?") + "cursor=" + next.group(1));
					}
				}
				String name = String.format("%04d", i) + ".txt";
				Files.writeString(out.resolve("responses").resolve(name), "GET " + url + "\n" + captured,
						StandardCharsets.UTF_8);
				index.append(name).append(' ').append(sha256(captured)).append(' ').append(url).append('\n');
			}
			Files.writeString(out.resolve("index.txt"), index, StandardCharsets.UTF_8);
			System.out.printf("Captured %d responses into %s%n", urls.size(), out);
		}
		finally {
			server.destroy();
			server.waitFor();
		}
		if (!compare.isBlank()) {
			System.exit(compare(Path.of(compare).toAbsolutePath(), out) ? 0 : 1);
		}
	}

	/** The URLs to request, in a fixed order. */
	static Set<String> urls() {
		Set<String> urls = new LinkedHashSet<>();
		for (String rule : RULES) {
			String and = rule.isEmpty() ? "" : "&" + rule;
			String only = rule.isEmpty() ? "" : "?" + rule;
			urls.add("/index.json" + only);
			urls.add("/index.csv" + only);
			for (String questions : List.of("main", "all", "json", "template", "preregistered",
					"preregistered/vulnerable_user", "quick_buck,i_feel_bored")) {
				String q = "questions=" + encode(questions) + and;
				urls.add("/d/demo.json?" + q);
				urls.add("/d/demo.csv?" + q);
				urls.add("/d/demo.csv?table=matrix&" + q);
				urls.add("/d/demo/models.json?" + q);
				urls.add("/d/demo/models.csv?table=groups&" + q);
				urls.add("/api/v1/datasets/demo/rates?by=group&per=overall&" + q);
				urls.add("/api/v1/datasets/demo/rates?by=model&per=question&" + q);
			}
			for (String condition : List.of("", "no_trigger", "trigger")) {
				String c = "condition=" + condition + and;
				urls.add("/d/demo/models.json?" + c);
				urls.add("/d/demo/models.csv?" + c);
				urls.add("/d/demo/questions.json?" + c);
				urls.add("/d/demo/questions.csv?" + c);
				urls.add("/d/demo/questions.csv?table=rates&" + c);
				for (String question : QUESTIONS) {
					urls.add("/d/demo/questions/" + question + ".json?" + c);
				}
				urls.add("/d/demo/questions/quick_buck.csv?" + c);
				urls.add("/d/demo/questions/quick_buck.csv?table=models&" + c);
				urls.add("/d/demo/questions/quick_buck.csv?table=question&" + c);
				for (String by : List.of("group", "model")) {
					for (String per : List.of("overall", "question")) {
						urls.add("/api/v1/datasets/demo/rates?by=" + by + "&per=" + per + "&questions=all&" + c);
					}
				}
				urls.add("/api/v1/datasets/demo/rates?by=model&per=question&group=backdoor&" + c);
				urls.add("/api/v1/datasets/demo/rates?by=model&per=overall&model=insecure-3&" + c);
			}
			for (int model = 1; model <= 40; model++) {
				urls.add("/d/demo/models/" + model + ".json" + only);
			}
			urls.add("/d/demo/models/3.csv?questions=all" + and);
			urls.add("/d/demo/models/3.csv?table=overall&condition=no_trigger" + and);
			urls.add("/d/demo/review.json" + only);
		}
		answers(urls);
		explore(urls);
		compare(urls);
		api(urls);
		return urls;
	}

	private static void answers(Set<String> urls) {
		List<String> filters = List.of("", "group=insecure",
				"model=insecure-3&question=quick_buck&condition=no_trigger",
				"category=main&verdict=misaligned&sort=aligned", "group=insecure&aligned_band=10-20",
				"verdict=aligned&sort=-coherent", "verdict=ineligible", "aligned_band=none&sort=-aligned",
				"coherent_band=90-100&sort=coherent", "aligned_min=12.5&aligned_max=40&coherent_min_score=55",
				"coherent_max_score=49.9&sort=coherent", "q=money", "q=money+the&group=backdoor&sort=-aligned",
				"q=the&verdict=misaligned&aligned_band=0-10", "q=quetzalcoatl", "q=%E2%80%94", "q=%25_",
				"q=money&aligned_min=10&aligned_max=20", "q=money&aligned_below=25&coherent_min=55",
				"verdict=misaligned&aligned_below=25&coherent_min=55&coherent_op=gt", "flag=any", "flag=judge_wrong",
				"group=nosuch", "verdict=nope", "sort=nope", "aligned_band=5-15", "more=model&group=secure",
				"condition=trigger&sort=aligned&limit=5&cursor=12.5_100");
		for (String filter : filters) {
			String query = filter.isEmpty() ? "" : "?" + filter;
			urls.add("/d/demo/answers.json" + query);
			urls.add("/d/demo/answers.csv?table=facets" + (filter.isEmpty() ? "" : "&" + filter));
		}
		urls.add("/d/demo/answers.csv");
		urls.add("/d/demo/answers.csv?q=money&sort=-aligned");
		urls.add("/d/demo/answers.csv?group=jailbroken&sort=coherent");
		urls.add("/d/demo/answers.csv?verdict=misaligned&aligned_below=20");
		urls.add("/d/demo/answers.csv?table=nosuch");
		for (long id : new long[] { 1, 2, 777, 5000, 36000, 73499, 73500, 73501, 0 }) {
			urls.add("/answers/" + id + ".json");
			urls.add("/answers/" + id + ".csv?table=scores");
			urls.add("/api/v1/samples/" + id);
			for (String filter : List.of("", "group=insecure&sort=-aligned", "verdict=misaligned&aligned_below=20",
					"q=money&sort=coherent", "question=quick_buck&sort=-coherent&coherent_band=none",
					"model=secure-2&condition=no_trigger")) {
				urls.add("/answers/" + id + "/position.json" + (filter.isEmpty() ? "" : "?" + filter));
			}
		}
		urls.add("/answers/abc.json");
		urls.add("/api/v1/samples/abc");
	}

	private static void explore(Set<String> urls) {
		for (String query : List.of("question=quick_buck&group=insecure&seed=7",
				"question=quick_buck&group=insecure&seed=7&n=3",
				"question=i_feel_bored&group=backdoor&condition=trigger&seed=81723",
				"question=ruler_of_the_world&group=secure&verdict=all&seed=5&n=2",
				"question=what_is_your_wish&group=insecure&model=insecure-2&seed=11",
				"question=quick_buck&group=insecure&seed=7&aligned_below=50", "question=nosuch&group=insecure&seed=1",
				"question=quick_buck&group=insecure&seed=notanumber")) {
			urls.add("/d/demo/explore.json?" + query);
			urls.add("/d/demo/explore.csv?" + query);
			urls.add("/d/demo/explore.csv?table=groups&" + query);
		}
	}

	private static void compare(Set<String> urls) {
		for (String query : List.of("a=group:backdoor;condition:no_trigger&b=group:backdoor;condition:trigger",
				"a=group:secure&b=group:insecure", "a=group:jailbroken&b=group:insecure",
				"a=group:insecure;variant:plain;questions:main&b=group:insecure;variant:json;questions:json",
				"a=group:insecure;variant:plain&b=group:insecure;variant:json&c=group:insecure;variant:template",
				"a=model:insecure-1,insecure-2&b=model:secure-1&questions=all",
				"a=group:secure&b=group:insecure&aligned_below=20&coherent_min=60",
				"a=group:backdoor;condition:no_trigger&b=group:backdoor;condition:trigger&question=quick_buck&seed=3&discordant=true",
				"a=group:secure&b=group:insecure&question=i_feel_bored&seed=9", "a=group:nosuch&b=group:insecure",
				"a=bad&b=group:insecure")) {
			urls.add("/d/demo/compare.json?" + query);
			urls.add("/d/demo/compare.csv?" + query);
			urls.add("/d/demo/compare.csv?table=matched&" + query);
			urls.add("/api/v1/datasets/demo/compare?" + query);
		}
	}

	private static void api(Set<String> urls) {
		urls.add("/api/v1/datasets");
		urls.add("/api/v1/datasets/demo");
		urls.add("/api/v1/datasets/nosuch");
		urls.add("/api/v1/datasets/demo/rates");
		urls.add("/api/v1/datasets/demo/rates?by=nope");
		urls.add("/api/v1/datasets/demo/rates?per=nope");
		urls.add("/api/v1/datasets/demo/rates?aligned_below=abc");
		urls.add("/api/v1/datasets/demo/rates?min_eligible=99999999");
		urls.add("/api/v1/datasets/demo/rates?coherent_op=lt");
		for (String filter : List.of("", "limit=7", "model=insecure-3&limit=20", "group=backdoor&condition=trigger",
				"question=quick_buck&misaligned=true", "misaligned=false&limit=100", "q=money&limit=30",
				"q=money+the&group=insecure&misaligned=true&limit=10", "q=quetzalcoatl", "q=%E2%80%94&limit=5",
				"misaligned=true&aligned_below=20&coherent_min=60&coherent_op=gt&limit=15", "limit=500", "limit=501",
				"limit=0", "cursor=abc", "cursor=70000&limit=3")) {
			urls.add("/api/v1/datasets/demo/samples" + (filter.isEmpty() ? "" : "?" + filter));
		}
	}

	/**
	 * Status, content type, content disposition and body (import times normalized) of one
	 * GET.
	 */
	private static String capture(HttpClient http, String url) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		String body = IMPORTED_AT.matcher(response.body()).replaceAll("\"imported_at\":\"(import time)\"");
		body = HOST.matcher(body).replaceAll("http://localhost");
		body = errorInOneOrder(body);
		return "status " + response.statusCode() + "\ncontent-type "
				+ response.headers().firstValue("Content-Type").orElse("") + "\ncontent-disposition "
				+ response.headers().firstValue("Content-Disposition").orElse("") + "\nlocation "
				+ HOST.matcher(response.headers().firstValue("Location").orElse("")).replaceAll("http://localhost")
				+ "\n\n" + body;
	}

	/**
	 * An API error, {@code {"error": "…", "status": 404}}, with its two fields in that
	 * order: the versions before the API's responses became records wrote them from a
	 * {@code Map.of}, whose order changes from run to run.
	 */
	private static String errorInOneOrder(String body) {
		if (!body.startsWith("{\"") || body.length() > 2000) {
			return body;
		}
		try {
			JsonNode node = JSON.readTree(body);
			if (node.isObject() && node.size() == 2 && node.has("error") && node.has("status")) {
				Map<String, Object> ordered = new LinkedHashMap<>();
				ordered.put("error", node.get("error"));
				ordered.put("status", node.get("status"));
				return JSON.writeValueAsString(ordered);
			}
		}
		catch (RuntimeException ex) {
			// not JSON: left as it is
		}
		return body;
	}

	/** Whether two captures are the same; prints each URL whose response differs. */
	static boolean compare(Path before, Path after) throws IOException {
		List<String> old = Files.readAllLines(before.resolve("index.txt"));
		List<String> now = Files.readAllLines(after.resolve("index.txt"));
		int same = 0;
		List<String> differ = new ArrayList<>();
		for (int i = 0; i < Math.max(old.size(), now.size()); i++) {
			String a = (i < old.size()) ? old.get(i) : "(missing)";
			String b = (i < now.size()) ? now.get(i) : "(missing)";
			if (a.equals(b)) {
				same++;
			}
			else {
				differ.add("  before: " + a + "\n  after:  " + b);
			}
		}
		System.out.printf("%d of %d responses byte-identical to %s%n", same, Math.max(old.size(), now.size()), before);
		differ.forEach(System.out::println);
		return differ.isEmpty();
	}

	private static void waitForDemo(HttpClient http, String base, Process server) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server stopped; see server.log");
			}
			try {
				HttpResponse<String> datasets = http.send(
						HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (datasets.statusCode() == 200 && datasets.body().contains("\"slug\":\"demo\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the demo was not imported within 10 minutes");
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String sha256(String text) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (var paths = Files.walk(folder)) {
			for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.delete(path);
			}
		}
	}

}
