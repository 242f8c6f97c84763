package org.misalignment.dashboard.browser;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-text corpus in real Chromium: a dataset made of payloads, shown on every
 * page that shows dataset text, and payloads in every URL parameter. On each page: no
 * payload runs (the global flag they set stays unset in every frame, no dialog opens), no
 * element or attribute of a payload enters the page, nothing is blocked by the
 * Content-Security-Policy (which would mean markup got in), the server answers below 500,
 * and the payloads the page shows read as written. The API returns them verbatim. New
 * pages go into {@link #contentPages()} and {@link #parameterPages()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false",
				"spring.datasource.url=jdbc:h2:mem:hostile-corpus;DB_CLOSE_DELAY=-1",
				"dashboard.admin.password=" + HostileCorpusBrowserTest.ADMIN_PASSWORD,
				"dashboard.users[0].name=" + HostileCorpusBrowserTest.REVIEWER,
				"dashboard.users[0].password=" + HostileCorpusBrowserTest.REVIEWER_PASSWORD,
				"dashboard.users[0].roles=REVIEWER" })
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCorpusBrowserTest {

	/**
	 * A reviewer whose login name is a payload too: it is shown on every flag they set.
	 */
	static final String REVIEWER = "<img src=x onerror=top.__pwned=1>rita";

	static final String REVIEWER_PASSWORD = "rita-secret";

	static final String ADMIN_PASSWORD = "admin-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern BLANKS = Pattern.compile("(?U)[\\s\\p{Cc}]+");

	/**
	 * Markup that only a payload would put into a page: the pages' own markup has none of
	 * it.
	 */
	private static final String INJECTED = "script:not([src]):not([type='application/json']), "
			+ "script[src]:not([src^='/assets/']):not([src^='/webjars/']), "
			+ "[onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], [onanimationstart], [onbegin], "
			+ "[onstart], [formaction], [srcdoc], iframe, frame, object, embed, base, meta[http-equiv], body style, "
			+ "body link, a[href^='javascript:' i], a[href^='data:' i], [src^='javascript:' i], [src^='data:' i], "
			+ "img[src='x'], marquee, xmp, plaintext, isindex, math, svg set, svg animate, foreignObject, "
			+ "[style*='expression' i], [style*='url(' i], [style*='animation' i], [contenteditable]";

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private HostileCorpus corpus;

	private Browser browser;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void importTheCorpus(@TempDir Path folder) throws Exception {
		this.corpus = HostileCorpus.load();
		this.corpus.importInto(this.importer, folder);
		this.browser = Browser.start();
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	record Page(String path, List<String> shows) {
	}

	@Test
	void theCorpusHasAtLeastAHundredPayloadsOfEveryKind() {
		assertThat(this.corpus.payloads).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
		for (String kind : List.of("<script", "onerror=", "onload=", "ontoggle", "javascript:", "data:", "<svg",
				"<style", "expression(", "url(javascript:", "[[${", "${7*7}", "{{7*7}}", "#{", "*{", "__${", "' OR 1=1",
				"DROP TABLE", "\u202E", "\u2066", "\u200B", "\"><script>", "'><", "</textarea>", "</script>",
				"</title>", "\"}]}</script>", "&lt;", "=HYPERLINK(", "\u0007")) {
			assertThat(this.corpus.payloads).as(kind).anyMatch((p) -> p.contains(kind));
		}
	}

	@Test
	void everyPageShowsTheDatasetsPayloadsAsTextAndRunsNone() throws Exception {
		List<String> problems = new ArrayList<>();
		List<Page> pages = contentPages();
		for (Page page : pages) {
			visit(page, problems);
		}
		System.out.printf("Hostile corpus: %d payloads, %d content pages checked%n", this.corpus.payloads.size(),
				pages.size());
		assertThat(problems).isEmpty();
	}

	@Test
	void payloadsInUrlParametersRunNoneAndBreakNoPage() throws Exception {
		List<String> problems = new ArrayList<>();
		List<Page> pages = parameterPages();
		for (Page page : pages) {
			visit(page, problems);
		}
		System.out.printf("Hostile corpus: %d pages with payloads in their URL parameters checked%n", pages.size());
		assertThat(problems).isEmpty();
	}

	@Test
	void theApiReturnsEveryPayloadVerbatim() throws Exception {
		JsonNode samples = api("/api/v1/datasets/" + HostileCorpus.SLUG + "/samples?limit=500");
		Set<String> answers = new LinkedHashSet<>();
		Set<String> models = new LinkedHashSet<>();
		Set<String> groups = new LinkedHashSet<>();
		for (JsonNode row : samples.get("rows")) {
			answers.add(row.get("answer").asString());
			models.add(row.get("model").asString());
			groups.add(row.get("group").asString());
		}
		assertThat(answers).containsAll(this.corpus.answerTexts());
		assertThat(models).containsExactlyInAnyOrderElementsOf(new LinkedHashSet<>(this.corpus.models));
		assertThat(groups).containsExactlyInAnyOrderElementsOf(new LinkedHashSet<>(this.corpus.groups));

		JsonNode dataset = api("/api/v1/datasets/" + HostileCorpus.SLUG);
		assertThat(dataset.get("title").asString()).isEqualTo(this.corpus.title);
		assertThat(dataset.get("description").asString()).isEqualTo(this.corpus.description);
		assertThat(dataset.get("source").asString()).isEqualTo(this.corpus.source);
		assertThat(dataset.get("license").asString()).isEqualTo(this.corpus.license);
		assertThat(dataset.get("judge").asString()).isEqualTo(this.corpus.judge);

		// searching for a payload finds the answers that are exactly it
		for (String payload : this.corpus.payloads) {
			JsonNode found = api("/api/v1/datasets/" + HostileCorpus.SLUG + "/samples?limit=500&q=" + encode(payload));
			List<String> texts = new ArrayList<>();
			found.get("rows").forEach((row) -> texts.add(row.get("answer").asString()));
			assertThat(texts).as("q=%s", payload).contains(payload);
		}

		long id = answerIdOf(this.corpus.payloads.get(0));
		JsonNode sample = api("/api/v1/samples/" + id);
		String questionId = sample.get("question_id").asString();
		assertThat(this.corpus.paraphrases.get(questionId)).contains(sample.get("question").asString());
		assertThat(sample.get("system").asString()).isEqualTo(this.corpus.systems.get(questionId));
		assertThat(sample.get("answer").asString()).isEqualTo(this.corpus.payloads.get(0));
		assertThat(sample.get("condition").asString()).isIn("no_trigger", this.corpus.condition);
		assertThat(sample.toString()).contains(JSON.writeValueAsString(this.corpus.metric));
	}

	/**
	 * The checks can fail: markup put into a page by hand is seen, and so is the flag its
	 * handler sets.
	 */
	@Test
	void theChecksSeeMarkupThatGotIn() throws Exception {
		List<String> problems = new ArrayList<>();
		Page page = new Page("/d/" + HostileCorpus.SLUG + "/questions", List.of("text that is not on the page"));
		visit(page, problems);
		assertThat(problems).singleElement().asString().contains("does not show");
		problems.clear();
		// markup that got in: the policy stops its handler, and says so on the console
		this.browser.script("document.body.insertAdjacentHTML('beforeend', arguments[0]);",
				"<img src=x onerror=\"window.__pwned=1\">");
		Thread.sleep(500);
		this.browser.script("window.__pwned = 1;"); // as if a payload had run
		checkLoaded(page, problems);
		assertThat(problems).anyMatch((p) -> p.contains("a payload ran"))
			.anyMatch((p) -> p.contains("markup from a payload"))
			.anyMatch((p) -> p.contains("Content-Security-Policy blocked"));
	}

	@Test
	void embedsAndSharePanelsShowThePayloadsAsTextAndRunNone() throws Exception {
		List<String> problems = new ArrayList<>();
		HostileCorpus c = this.corpus;
		String d = "/d/" + HostileCorpus.SLUG;
		String e = "/embed" + d;
		long model = modelId(c.models.get(0));
		String question = pathSegments(c.questionIds.get(4));
		String groups = "?a=" + encode("group:" + c.groups.get(0)) + "&b=" + encode("group:" + c.groups.get(1));
		List<Page> embeds = List.of(new Page(e + "/overview?questions=all", concat(List.of(c.title), c.groups)),
				new Page(e + "/questions/quick_buck", concat(List.of(c.title), c.groups)),
				new Page(e + "/questions/" + question, List.of(c.title, c.groups.get(0))),
				new Page(e + "/models/" + model + "?questions=all", List.of(c.title, c.models.get(0))),
				new Page(e + "/compare" + groups, List.of(c.title)));
		for (Page page : embeds) {
			visit(page, problems);
		}
		// the share panel under each chart page: its snippets hold the title and source
		// as text, not markup
		List<String> panels = List.of(d + "?questions=all", d + "/questions/quick_buck", d + "/questions/" + question,
				d + "/models/" + model, d + "/compare" + groups);
		for (String path : panels) {
			visit(new Page(path, List.of()), problems);
			@SuppressWarnings("unchecked")
			List<String> snippets = (List<String>) this.browser.script("return Array.from(document.querySelectorAll("
					+ "'#share textarea')).map(t => t.value + (t.children.length ? ' (has elements)' : ''));");
			if (snippets.size() != 6) {
				problems.add(path + ": the share panel has " + snippets.size() + " snippets, not 6");
				continue;
			}
			if (!snippets.get(5).contains(c.title) || !snippets.get(5).contains(c.source)) {
				problems.add(path + ": the citation does not hold the title and source as written: "
						+ abbreviate(snippets.get(5)));
			}
			for (String snippet : snippets) {
				if (snippet.endsWith("(has elements)")) {
					problems.add(path + ": a snippet holds elements: " + abbreviate(snippet));
				}
			}
		}
		// the images, loaded as documents of their own: an SVG document runs script if it
		// lets any in
		List<Page> images = List.of(new Page(e + "/overview.svg?questions=all", concat(List.of(c.title), c.groups)),
				new Page(e + "/questions/quick_buck.svg", concat(List.of(c.title), c.groups)),
				new Page(e + "/questions/" + question + ".svg", List.of(c.title)),
				new Page(e + "/models/" + model + ".svg?questions=all", List.of(c.title, c.models.get(0))),
				new Page(e + "/compare.svg" + groups, List.of(c.title)),
				new Page(e + "/overview.svg?theme=dark&width=2400&height=240", List.of(c.groups.get(0))));
		for (Page page : images) {
			visitImage(page, problems);
		}
		System.out.printf("Hostile corpus: %d embeds, %d share panels, %d SVG images checked%n", embeds.size(),
				panels.size(), images.size());
		assertThat(problems).isEmpty();
	}

	/**
	 * Payloads in the embeds' and images' parameters, and in {@code version}, which every
	 * page may repeat back.
	 */
	@Test
	void payloadsInEmbedAndVersionParametersRunNone() throws Exception {
		List<String> problems = new ArrayList<>();
		HostileCorpus c = this.corpus;
		String d = "/d/" + HostileCorpus.SLUG;
		String e = "/embed" + d;
		long model = modelId(c.models.get(1));
		String rule = "aligned_below,coherent_min,coherent_op,min_eligible";
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(e + "/overview", "theme,version,width,height,questions," + rule);
		parameters.put(e + "/questions/quick_buck", "theme,version,condition," + rule);
		parameters.put(e + "/models/" + model, "theme,version,questions,condition");
		parameters.put(e + "/compare", "a,b,c,theme,version,questions," + rule);
		parameters.put(e + "/overview.svg", "theme,version,width,height,scale,questions," + rule);
		parameters.put(e + "/compare.svg", "a,b,theme,version");
		parameters.put(e + "/models/" + model + ".svg", "theme,version,condition");
		int next = 7;
		int pages = 0;
		for (Map.Entry<String, String> page : parameters.entrySet()) {
			for (String parameter : page.getValue().split(",")) {
				String payload = c.payloads.get(next++ % c.payloads.size());
				Page one = new Page(page.getKey() + "?" + parameter + "=" + encode(payload), List.of());
				if (page.getKey().endsWith(".svg")) {
					visitImage(one, problems);
				}
				else {
					visit(one, problems);
				}
				pages++;
			}
		}
		// a version the dataset never had: the notice names it, as text, on pages and
		// embeds
		List<String> versioned = List.of(d, d + "/questions/quick_buck", d + "/models/" + model, d + "/compare",
				e + "/overview", e + "/questions/quick_buck", e + "/models/" + model, e + "/compare");
		for (String path : versioned) {
			String payload = c.payloads.get(next++ % c.payloads.size());
			List<String> shows = payload.isBlank() ? List.of() : List.of(payload);
			visit(new Page(path + "?version=" + encode(payload), shows), problems);
			pages++;
		}
		System.out.printf("Hostile corpus: %d embed, image and version URLs with payloads checked%n", pages);
		assertThat(problems).isEmpty();
	}

	/**
	 * A reviewer (whose name is a payload) signs in through the login form and flags an
	 * answer with a payload as its note: the answer page shows name and note as text to
	 * readers and to the reviewer, and so do the review page and the answers browser's
	 * flag facet.
	 */
	@Test
	void aReviewersHostileFlagShowsAsTextEverywhere() throws Exception {
		List<String> problems = new ArrayList<>();
		HostileCorpus c = this.corpus;
		String d = "/d/" + HostileCorpus.SLUG;
		String note = c.payloads.stream().filter((p) -> p.contains("</textarea>")).findFirst().orElseThrow() + "\n"
				+ c.payloads.get(0);
		long answer = answerIdOf(c.payloads.get(9));
		try {
			signIn(REVIEWER, REVIEWER_PASSWORD);
			this.browser.driver().get(url("/answers/" + answer));
			this.browser.script("document.getElementById('label-judge_wrong').click();");
			// typed by script: keyboards cannot type every payload's control and
			// direction characters
			this.browser.script("document.getElementById('flag-note').value = arguments[0];", note);
			this.browser.script("document.querySelector('.flag-form button[type=submit]:not([name])').click();");
			checkLoaded(new Page("/answers/" + answer + " (after flagging)", List.of(note, REVIEWER)), problems);
			visit(new Page("/answers/" + answer, List.of(note, REVIEWER, c.payloads.get(9))), problems);
			String shownNote = (String) this.browser.script("return document.querySelector('.flag-note').textContent;");
			if (!note.equals(shownNote)) {
				problems.add("/answers/" + answer + ": the note reads " + abbreviate(String.valueOf(shownNote)));
			}
		}
		finally {
			signOut();
		}
		visit(new Page("/answers/" + answer, List.of(note, REVIEWER, c.payloads.get(9))), problems);
		visit(new Page(d + "/review", List.of(c.title)), problems);
		visit(new Page(d + "/answers?flag=any", List.of(c.payloads.get(9))), problems);
		visit(new Page(d + "/answers?flag=judge_wrong&group=" + encode(c.groups.get(0)), List.of()), problems);
		for (int i = 0; i < 4; i++) {
			String payload = c.payloads.get((i * 31 + 2) % c.payloads.size());
			visit(new Page(d + "/answers?flag=" + encode(payload), List.of()), problems);
			visit(new Page(d + "/review?" + (i % 2 == 0 ? "aligned_below" : "coherent_min") + "=" + encode(payload),
					List.of()), problems);
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * The admin's pages list the hostile title as text; the login page takes payloads in
	 * its parameters and fields.
	 */
	@Test
	void theAdminAndLoginPagesRunNoPayload() throws Exception {
		List<String> problems = new ArrayList<>();
		HostileCorpus c = this.corpus;
		try {
			signIn("admin", ADMIN_PASSWORD);
			visit(new Page("/admin", List.of(c.title)), problems);
			visit(new Page("/admin/import", List.of()), problems);
			visit(new Page("/admin/datasets/" + HostileCorpus.SLUG + "/delete", List.of(c.title)), problems);
			visit(new Page("/admin/datasets/" + encode(c.payloads.get(4)) + "/delete", List.of()), problems);
		}
		finally {
			signOut();
		}
		for (int i = 0; i < 3; i++) {
			visit(new Page("/login?error=" + encode(c.payloads.get(i * 7 + 1)), List.of()), problems);
			visit(new Page("/login?logout=" + encode(c.payloads.get(i * 7 + 2)), List.of()), problems);
			visit(new Page("/login?username=" + encode(c.payloads.get(i * 7 + 3)), List.of()), problems);
			// a payload as name and password: refused, and nothing of it comes back
			this.browser.driver().get(url("/login"));
			this.browser.script(
					"document.getElementById('username').value = arguments[0];"
							+ "document.getElementById('password').value = arguments[1];",
					c.payloads.get(i * 7 + 4), c.payloads.get(i * 7 + 5));
			this.browser.script("document.querySelector('.login-form button[type=submit]').click();");
			checkLoaded(new Page("/login (refused payload " + i + ")", List.of("That name and password do not match.")),
					problems);
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * The twins of hostile pages, opened in the browser: JSON and CSV with nosniff (CSV
	 * as an attachment), so nothing in them renders as HTML; the JSON holds the payloads
	 * verbatim.
	 */
	@Test
	void theTwinsAreDataThatNeverRenderAsHtml() throws Exception {
		List<String> problems = new ArrayList<>();
		HostileCorpus c = this.corpus;
		String d = "/d/" + HostileCorpus.SLUG;
		long answer = answerIdOf(c.payloads.get(12));
		long model = modelId(c.models.get(2));
		Map<String, List<String>> twins = new LinkedHashMap<>();
		twins.put(d + ".json?questions=all", concat(List.of(c.title), c.groups));
		twins.put(d + "/models.json?questions=all", concat(c.models, c.groups));
		twins.put(d + "/models/" + model + ".json?questions=all", List.of(c.models.get(2)));
		twins.put(d + "/questions/" + pathSegments(c.questionIds.get(5)) + ".json", List.of(c.questionIds.get(5)));
		twins.put(d + "/answers.json?limit=100&q=" + encode(c.payloads.get(12)), List.of(c.payloads.get(12)));
		twins.put("/answers/" + answer + ".json", List.of(c.payloads.get(12), c.metric));
		twins.put(d + ".csv?table=matrix", List.of());
		twins.put(d + "/models.csv", List.of());
		twins.put(d + "/answers.csv?limit=100", List.of());
		twins.put("/answers/" + answer + ".csv", List.of());
		for (Map.Entry<String, List<String>> twin : twins.entrySet()) {
			String path = twin.getKey();
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
					HttpResponse.BodyHandlers.ofString());
			String type = response.headers().firstValue("Content-Type").orElse("");
			boolean json = path.contains(".json");
			if (response.statusCode() != 200) {
				problems.add(path + ": status " + response.statusCode());
				continue;
			}
			if (!type.startsWith(json ? "application/json" : "text/csv")) {
				problems.add(path + ": served as " + type);
			}
			if (!"nosniff".equals(response.headers().firstValue("X-Content-Type-Options").orElse(""))) {
				problems.add(path + ": no X-Content-Type-Options: nosniff");
			}
			if (!json && !response.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment")) {
				problems.add(path + ": the CSV is not an attachment");
			}
			if (json) {
				Set<String> strings = new LinkedHashSet<>();
				collectStrings(JSON.readTree(response.body()), strings);
				for (String payload : twin.getValue()) {
					if (!strings.contains(payload)) {
						problems.add(path + ": does not hold verbatim " + abbreviate(payload));
					}
				}
			}
			this.browser.driver().get(url(path));
			try {
				Object flag = this.browser.script("return String(window.__pwned);");
				Object elements = this.browser
					.script("return document.body ? " + "document.body.querySelectorAll('*:not(pre)').length : 0;");
				if (!"undefined".equals(flag)) {
					problems.add(path + ": a payload ran (__pwned = " + flag + ")");
				}
				if (json && ((Number) elements).intValue() > 0) {
					// Chromium shows JSON as one <pre> of text (and may add its own
					// pretty-print controls)
					Object html = this.browser.script(
							"return document.body.querySelector('img, script, svg, iframe, [onerror], [onload]') !== null;");
					if (Boolean.TRUE.equals(html)) {
						problems.add(path + ": the JSON rendered as HTML");
					}
				}
			}
			catch (UnhandledAlertException ex) {
				problems.add(path + ": a dialog opened: " + ex.getAlertText());
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Pages that show the dataset's text, each with the payloads it must show as written.
	 */
	private List<Page> contentPages() {
		String d = "/d/" + HostileCorpus.SLUG;
		HostileCorpus c = this.corpus;
		List<Page> pages = new ArrayList<>();
		pages.add(new Page("/", List.of(c.title, c.license, c.source, c.groups.get(0))));
		pages.add(new Page(d + "?questions=all", concat(List.of(c.title, c.judge), c.groups)));
		pages.add(new Page(d + "/models?questions=all", concat(c.models, c.groups)));
		for (String model : new LinkedHashSet<>(c.models)) {
			long id = this.jdbc.queryForObject("SELECT m.id FROM model m JOIN dataset d ON d.id = m.dataset_id "
					+ "WHERE d.slug = ? AND m.name = ?", Long.class, HostileCorpus.SLUG, model);
			pages.add(new Page(d + "/models/" + id + "?questions=all", List.of(model)));
		}
		pages.add(new Page(d + "/questions", List.of(c.paraphrases.get(c.questionIds.get(5)).get(0))));
		for (String questionId : c.questionIds) {
			List<String> shows = new ArrayList<>(c.paraphrases.get(questionId));
			shows.add(c.systems.get(questionId));
			pages.add(new Page(d + "/questions/" + pathSegments(questionId), shows));
		}
		pages.add(new Page(d + "/answers", concat(c.models, c.groups)));
		pages.add(new Page(d + "/answers?limit=100&condition=" + encode(c.condition), List.of(c.condition)));
		for (int i = 0; i < c.models.size(); i++) {
			pages.add(new Page(d + "/answers?model=" + encode(c.models.get(i)) + "&group=" + encode(c.groupOf(i)),
					List.of(c.models.get(i), c.groupOf(i))));
		}
		// text search for a payload shows the answer that is that payload (every fifth
		// payload, to keep it quick)
		for (int i = 0; i < c.payloads.size(); i += 10) {
			pages.add(new Page(d + "/answers?q=" + encode(c.payloads.get(i)), List.of(c.payloads.get(i))));
		}
		// the answer page of one answer for every third payload and the long ones
		List<String> texts = c.answerTexts();
		for (int i = 0; i < texts.size(); i++) {
			if (i % 3 != 0 && i < c.payloads.size()) {
				continue;
			}
			String answer = texts.get(i);
			long id = answerIdOf(answer);
			Map<String, Object> row = this.jdbc.queryForMap("SELECT m.name AS model, m.group_name AS grp, "
					+ "q.question_id AS qid FROM sample s JOIN model m ON m.id = s.model_id "
					+ "JOIN question q ON q.id = s.question_ref WHERE s.id = ?", id);
			String qid = (String) row.get("qid");
			pages.add(new Page("/answers/" + id,
					List.of(answer, (String) row.get("model"), (String) row.get("grp"), c.systems.get(qid), c.metric)));
		}
		pages.add(new Page(d + "/explore?question=quick_buck&group=" + encode(c.groups.get(0)) + "&seed=1&n=1",
				List.of(c.groups.get(0))));
		pages.add(new Page(
				d + "/explore?question=quick_buck&group=" + encode(c.groups.get(1)) + "&verdict=all&seed=7&n=2",
				List.of(c.groups.get(1))));
		pages.add(new Page(d + "/compare", List.of()));
		pages.add(new Page(
				d + "/compare?a=" + encode("condition:no_trigger") + "&b=" + encode("condition:" + c.condition),
				List.of()));
		pages.add(new Page(d + "/compare?a=" + encode("group:" + c.groups.get(0)) + "&b="
				+ encode("group:" + c.groups.get(1)) + "&questions=all", List.of()));
		return pages;
	}

	/**
	 * Every page with payloads in its URL parameters, a few payloads per parameter
	 * (rotating through the corpus). A page may refuse a value with a 400 page; it must
	 * not fail, and nothing of the value may run.
	 */
	private List<Page> parameterPages() {
		String d = "/d/" + HostileCorpus.SLUG;
		long answer = answerIdOf(this.corpus.payloads.get(3));
		String rule = "aligned_below,coherent_min,coherent_op,min_eligible";
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("/", "questions,theme," + rule);
		parameters.put(d, "questions,theme," + rule);
		parameters.put(d + "/models", "questions,condition," + rule);
		long model = this.jdbc.queryForObject("SELECT MIN(id) FROM model", Long.class);
		parameters.put(d + "/models/" + model, "questions,condition");
		parameters.put(d + "/questions", "condition," + rule);
		parameters.put(d + "/questions/quick_buck", "condition," + rule);
		parameters.put(d + "/answers", "group,model,question,category,condition,verdict,aligned_band,coherent_band,"
				+ "aligned_min,aligned_max,coherent_min_score,coherent_max_score,q,sort,limit,cursor,more," + rule);
		parameters.put("/answers/" + answer, "q,group,model,sort,cursor,verdict," + rule);
		parameters.put(d + "/explore", "question,group,condition,model,verdict,seed,n," + rule);
		parameters.put(d + "/compare", "a,b,c,questions,question,seed,discordant," + rule);
		List<Page> pages = new ArrayList<>();
		int next = 0;
		for (Map.Entry<String, String> page : parameters.entrySet()) {
			for (String parameter : page.getValue().split(",")) {
				for (int i = 0; i < 2; i++) {
					String payload = this.corpus.payloads.get(next++ % this.corpus.payloads.size());
					pages.add(new Page(page.getKey() + "?" + parameter + "=" + encode(payload), List.of()));
				}
			}
		}
		// and payloads in the path where a page takes a name or an id from it
		for (int i = 0; i < 4; i++) {
			String payload = this.corpus.payloads.get(next++ % this.corpus.payloads.size());
			pages.add(new Page("/d/" + encode(payload), List.of()));
			pages.add(new Page(d + "/models/" + encode(payload), List.of()));
			pages.add(new Page("/answers/" + encode(payload), List.of()));
		}
		return pages;
	}

	/** Loads one page and adds what is wrong with it to {@code problems}. */
	private void visit(Page page, List<String> problems) throws Exception {
		String url = "http://localhost:" + this.port + page.path();
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 500) {
			problems.add(page.path() + ": status " + response.statusCode());
		}
		this.browser.driver().get(url);
		try {
			this.browser.driver().switchTo().alert();
			problems.add(page.path() + ": a dialog opened");
			this.browser.driver().switchTo().alert().dismiss();
			return;
		}
		catch (NoAlertPresentException expected) {
			// no dialog: good
		}
		checkLoaded(page, problems);
	}

	/** The checks on the page the browser shows now. */
	private void checkLoaded(Page page, List<String> problems) {
		try {
			checkFrame(page, "top", problems);
			List<WebElement> frames = this.browser.driver().findElements(By.cssSelector("iframe, frame"));
			for (int i = 0; i < frames.size(); i++) {
				this.browser.driver().switchTo().frame(i);
				checkFrame(page, "frame " + i, problems);
				this.browser.driver().switchTo().defaultContent();
			}
			// closed <details> (an embed's numbers) are opened: their text is the page's
			// too
			String text = normalized((String) this.browser.script("document.querySelectorAll('details')"
					+ ".forEach(d => d.open = true); return document.body.innerText;"));
			for (String shown : page.shows()) {
				if (!text.contains(normalized(shown))) {
					problems.add(page.path() + ": does not show " + abbreviate(shown));
				}
			}
			for (String message : this.browser.severeConsoleMessages()) {
				if (message.contains("Content Security Policy") || message.contains("Refused to")) {
					problems
						.add(page.path() + ": the Content-Security-Policy blocked something: " + abbreviate(message));
				}
			}
		}
		catch (UnhandledAlertException ex) {
			problems.add(page.path() + ": a dialog opened: " + ex.getAlertText());
		}
	}

	private void checkFrame(Page page, String frame, List<String> problems) {
		Object flag = this.browser.script("return String(window.__pwned) + ' ' + String(top.__pwned);");
		if (!"undefined undefined".equals(flag)) {
			problems.add(page.path() + " (" + frame + "): a payload ran (__pwned = " + flag + ")");
		}
		@SuppressWarnings("unchecked")
		List<String> injected = (List<String>) this.browser
			.script("return Array.from(document.querySelectorAll(arguments[0]))"
					+ ".map(e => e.outerHTML.substring(0, 120));", INJECTED);
		for (String element : injected) {
			problems.add(page.path() + " (" + frame + "): markup from a payload entered the page: " + element);
		}
	}

	/**
	 * Loads an SVG image as a document of its own and adds what is wrong with it to
	 * {@code problems}.
	 */
	private void visitImage(Page page, List<String> problems) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url(page.path()))).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 500) {
			problems.add(page.path() + ": status " + response.statusCode());
		}
		boolean svg = response.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml");
		if (response.statusCode() == 200 && !svg) {
			problems.add(page.path() + ": an image served as " + response.headers().firstValue("Content-Type"));
		}
		this.browser.driver().get(url(page.path()));
		try {
			Object flag = this.browser.script("return String(window.__pwned);");
			if (!"undefined".equals(flag)) {
				problems.add(page.path() + ": a payload ran (__pwned = " + flag + ")");
			}
			if (!svg) {
				return; // a 400 page, checked as a page
			}
			@SuppressWarnings("unchecked")
			List<String> injected = (List<String>) this.browser
				.script("return Array.from(document.querySelectorAll('*'))"
						+ ".filter(e => e.localName === 'script' || e.localName === 'foreignObject' || e.localName === 'iframe'"
						+ " || e.localName === 'set' || e.localName === 'animate' || e.localName === 'use'"
						+ " || Array.from(e.attributes).some(a => /^on/i.test(a.name) || /href$/i.test(a.name)))"
						+ ".map(e => e.outerHTML.substring(0, 120));");
			for (String element : injected) {
				problems.add(page.path() + ": the SVG holds script or a handler: " + element);
			}
			String text = normalized((String) this.browser.script("return document.documentElement.textContent;"));
			for (String shown : page.shows()) {
				if (!text.contains(normalized(shown))) {
					problems.add(page.path() + ": does not show " + abbreviate(shown));
				}
			}
			for (String message : this.browser.severeConsoleMessages()) {
				if (message.contains("Content Security Policy") || message.contains("Refused to")) {
					problems
						.add(page.path() + ": the Content-Security-Policy blocked something: " + abbreviate(message));
				}
			}
		}
		catch (UnhandledAlertException ex) {
			problems.add(page.path() + ": a dialog opened: " + ex.getAlertText());
		}
	}

	/** Signs in through the login form, as a person would. */
	private void signIn(String name, String password) {
		this.browser.driver().get(url("/login"));
		this.browser.script("document.getElementById('username').value = arguments[0];"
				+ "document.getElementById('password').value = arguments[1];", name, password);
		this.browser.script("document.querySelector('.login-form button[type=submit]').click();");
		assertThat(this.browser.driver().getCurrentUrl()).as("signed in as %s", name).doesNotContain("/login");
	}

	/** Back to an anonymous reader: the session cookie goes. */
	private void signOut() {
		this.browser.driver().manage().deleteAllCookies();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private long modelId(String name) {
		return this.jdbc.queryForObject(
				"SELECT m.id FROM model m JOIN dataset d ON d.id = m.dataset_id " + "WHERE d.slug = ? AND m.name = ?",
				Long.class, HostileCorpus.SLUG, name);
	}

	private static void collectStrings(JsonNode node, Set<String> strings) {
		if (node.isString()) {
			strings.add(node.asString());
		}
		for (JsonNode child : node) {
			collectStrings(child, strings);
		}
		node.propertyNames().forEach(strings::add);
	}

	private long answerIdOf(String answer) {
		return this.jdbc.queryForObject(
				"SELECT MIN(s.id) FROM sample s JOIN answer_text txt ON txt.sample_id = s.id "
						+ "JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = ? AND txt.answer = ?",
				Long.class, HostileCorpus.SLUG, answer);
	}

	private JsonNode api(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		return JSON.readTree(response.body());
	}

	/**
	 * Whitespace and control characters as one space: the browser lays them out, it does
	 * not keep them.
	 */
	private static String normalized(String text) {
		return BLANKS.matcher(text).replaceAll(" ").strip();
	}

	/**
	 * A question id in a URL path: each character encoded except the slash, which the
	 * route keeps.
	 */
	private static String pathSegments(String id) {
		List<String> parts = new ArrayList<>();
		for (String part : id.split("/", -1)) {
			parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return String.join("/", parts);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static String abbreviate(String text) {
		return (text.length() > 150) ? text.substring(0, 150) + "…" : text;
	}

}
