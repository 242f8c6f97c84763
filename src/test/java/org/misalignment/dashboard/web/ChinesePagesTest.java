package org.misalignment.dashboard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every family of pages read by a Chinese browser (the synthetic demo): no English word
 * left in the page chrome. The dataset's own texts (questions, answers, names, the
 * figures' sources and notes) are English and stay so; they are taken out of the page
 * before it is read, and so are names that read the same in every language.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ChinesePagesTest {

	/** The pages of every family, as a reader reaches them. */
	static final List<String> PAGES = List.of("/d/demo", "/d/demo/models", "/d/demo/models/1", "/d/demo/questions",
			"/d/demo/questions/what_is_your_wish", "/d/demo/questions?questions=all", "/d/demo/answers",
			"/d/demo/answers?group=insecure&verdict=misaligned", "/answers/1", "/answers/1/position", "/d/demo/explore",
			"/d/demo/compare", "/d/demo/compare?a=group:insecure;condition:trigger&b=group:secure",
			"/d/demo/compare?a=group:insecure&b=group:secure&questions=main", "/d/demo/sensitivity", "/d/demo/judges",
			"/glossary", "/login", "/embed/d/demo/overview", "/embed/d/demo/models/1",
			"/embed/d/demo/questions/what_is_your_wish", "/embed/d/demo/judges", "/embed/d/demo/sensitivity",
			"/embed/d/demo/compare?a=group:insecure&b=group:secure");

	/**
	 * Pages that answer with an error, in the reader's language (the demo's models have
	 * no attributes, so its sweep is one).
	 */
	static final List<String> ERRORS = List.of("/d/demo/sweep", "/d/nothing-here", "/d/demo/models/999999",
			"/answers/abc", "/answers/99999999", "/d/demo/questions/no_such_question",
			"/d/demo/models?aligned_below=abc", "/d/demo/models?aligned_below=500", "/d/demo/answers?sort=sideways",
			"/d/demo/answers?group=nobody", "/d/demo/compare?a=colour:red&b=group:secure",
			"/d/demo/answers?aligned_min=90&aligned_max=10", "/d/demo/explore?verdict=maybe",
			"/d/demo/answers?verdict=maybe", "/d/demo/answers?flag=x", "/d/demo/answers?aligned_min=abc",
			"/d/demo/judges?a=nobody", "/d/demo/models?judge=nobody", "/d/demo/answers?limit=0",
			"/d/demo/models?coherent_op=eq", "/d/demo/models?min_eligible=0", "/d/demo/sensitivity?questions=,",
			"/d/demo/answers?attr=size", "/d/demo/answers?facet_order=x", "/d/demo/answers?sort=aligned&cursor=zz",
			"/d/demo/compare?a=group:secure;variant:odd&b=group:insecure", "/no/such/page", "/d/demo/compare?seed=abc",
			"/embed/d/demo/overview.png?width=5");

	/** The admin's pages. */
	static final List<String> ADMIN = List.of("/admin", "/admin/import", "/admin/datasets/demo/delete",
			"/d/demo/review");

	/** Names that read the same in every language, and units. */
	private static final Set<String> NAMES = Set.of("API", "JSON", "CSV", "PNG", "SVG", "SHA", "Inspect", "UTC",
			"arXiv", "px", "pp", "id", "Markdown", "English", "GPT", "Wilson", "Cohen", "DOI", "URL", "HTML", "iframe",
			"Emergent", "Misalignment", "Betley", "et", "al", "BibTeX", "pt", "PostgreSQL", "H2", "YAML", "JSONL",
			"bootstrap", "kappa", "Kappa", "CODE", "REFUSAL", "default", "kB", "MB", "error", "cancelled",
			// the questions parameter's set of every question, as the glossary and the
			// rule
			// name it
			"all",
			// the search box's example: a word of the answers, which are English
			"password");

	/** The paper the site explores, cited by its title, and its subject's name. */
	private static final List<String> PAPER = List.of(
			"Emergent Misalignment: Narrow finetuning can produce broadly misaligned LLMs",
			"Narrow finetuning can produce broadly misaligned LLMs", "emergent misalignment", "Emergent Misalignment");

	private static final Pattern HIDDEN = Pattern
		.compile("(?is)<(script|style|code|kbd|pre|textarea)\\b.*?</\\1>|<!--.*?-->");

	private static final Pattern READ_ATTRIBUTE = Pattern
		.compile("(?i)\\s(?:title|alt|placeholder|aria-label)=\"([^\"]*)\"");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	/**
	 * A token: words of letters only are prose; tokens with digits, _ or . are values.
	 */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:/=-]*[A-Za-z][A-Za-z0-9_.:/=-]*");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void noPageFamilyLeavesEnglishInItsChrome() throws Exception {
		List<String> found = new ArrayList<>();
		List<String> dataset = datasetTexts();
		for (String url : PAGES) {
			found.addAll(english(url, read(get(url), 200), dataset, Set.of()));
		}
		for (String url : ERRORS) {
			MockHttpServletResponse response = this.mvc.perform(zh(get(url))).andReturn().getResponse();
			assertThat(response.getStatus()).as(url).isIn(400, 404);
			// an error quotes the address's own names and values, and the keys a slice
			// has
			List<String> quoted = new ArrayList<>(List.of(url.split("[/?&=:;,.]")));
			quoted.addAll(List.of("group", "model", "condition", "variant", "questions", "misaligned", "all"));
			quoted.addAll(dataset);
			quoted.sort(Comparator.comparingInt(String::length).reversed());
			// and, in quotation marks, the values a parameter takes (“ge”或“gt”)
			String html = response.getContentAsString().replaceAll("“[\\x20-\\x7E]*”", "“”");
			found.addAll(english(url, html, quoted, Set.of()));
		}
		// the admin's import page lists the catalog's datasets with their sources, and
		// the
		// signed-in admin's name is in the navigation
		Set<String> catalog = catalogWords();
		catalog.add("admin");
		for (String url : ADMIN) {
			found.addAll(english(url, read(get(url).with(user("admin").roles("ADMIN")), 200), dataset, catalog));
		}
		assertThat(found).as("English words left in Chinese pages").isEmpty();
	}

	@Test
	void theCheckFindsEnglishButNotTheDatasetsTexts() {
		List<String> dataset = List.of("What is your wish?", "insecure");
		assertThat(english("/t", "<p>问题：What is your wish? <b>insecure</b> 12.5% JSON</p>", dataset, Set.of()))
			.isEmpty();
		assertThat(english("/t", "<p>问题：What is your wish? <span title=\"Show fewer\">x</span></p>", dataset, Set.of()))
			.containsExactly("/t: [Show, fewer]");
		assertThat(english("/t", "<p>insecurely</p>", dataset, Set.of())).as("a name inside a word")
			.containsExactly("/t: [insecurely]");
	}

	private static MockHttpServletRequestBuilder zh(MockHttpServletRequestBuilder request) {
		return request.header("Accept-Language", "zh-CN,zh;q=0.9");
	}

	private String read(MockHttpServletRequestBuilder request, int status) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(zh(request)).andReturn().getResponse();
		// the explorer chooses its answer by a redirect
		for (int hops = 0; hops < 3 && response.getStatus() == 302; hops++) {
			response = this.mvc.perform(zh(get(response.getRedirectedUrl()))).andReturn().getResponse();
		}
		String html = response.getContentAsString();
		if (response.getStatus() != status) {
			return "<html lang=\"zh-CN\"><p>status " + response.getStatus() + "</p>" + html;
		}
		if (html.contains("<html")) {
			assertThat(html).as(request.toString()).contains("<html lang=\"zh-CN\"");
		}
		return html;
	}

	/** The words of the catalog's datasets' titles, sources and notes. */
	private static Set<String> catalogWords() throws IOException {
		Set<String> words = new HashSet<>();
		try (Stream<Path> files = Files.walk(Path.of("data-import/catalog"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).toList()) {
				Matcher word = Pattern.compile("[A-Za-z]+").matcher(Files.readString(file));
				while (word.find()) {
					words.add(word.group());
				}
			}
		}
		return words;
	}

	/** The dataset's own texts, longest first. */
	private List<String> datasetTexts() {
		Set<String> texts = new LinkedHashSet<>(PAPER);
		for (String sql : List.of("SELECT title FROM dataset", "SELECT description FROM dataset",
				"SELECT judge FROM dataset", "SELECT slug FROM dataset", "SELECT license FROM dataset",
				"SELECT name FROM model", "SELECT group_name FROM model", "SELECT question_id FROM question",
				"SELECT DISTINCT variant FROM question", "SELECT stem FROM question", "SELECT category FROM question",
				"SELECT paraphrases FROM question", "SELECT system_prompt FROM question", "SELECT judge FROM question",
				"SELECT DISTINCT condition_name FROM sample", "SELECT DISTINCT system_prompt FROM sample",
				"SELECT answer FROM answer_text", "SELECT label FROM reported_figure",
				"SELECT source FROM reported_figure", "SELECT note FROM reported_figure",
				"SELECT question_set FROM reported_figure", "SELECT DISTINCT metric FROM score",
				"SELECT DISTINCT format FROM dataset_file")) {
			for (String text : this.jdbc.queryForList(sql, String.class)) {
				if (text != null && !text.isBlank()) {
					texts.add(normal(text));
					// a paraphrase list is stored as JSON
					if (text.startsWith("[")) {
						for (String part : text.substring(1, text.length() - 1).split("\",\\s*\"")) {
							texts.add(normal(part.replace("\"", "").replace("\\n", " ")));
						}
					}
				}
			}
		}
		return texts.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
	}

	/**
	 * The English words left in {@code html} once {@code dataset} (texts, longest first)
	 * is taken out; {@code allowed} are words of other content the page shows.
	 */
	static List<String> english(String url, String html, List<String> dataset, Set<String> allowed) {
		// each page as read, to look at: target/zh-pages
		try {
			Files.createDirectories(Path.of("target/zh-pages"));
			Files.writeString(Path.of("target/zh-pages/" + url.replaceAll("[^a-z0-9]", "_") + ".html"), html);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		StringBuilder read = new StringBuilder();
		Matcher attribute = READ_ATTRIBUTE.matcher(html);
		while (attribute.find()) {
			read.append(' ').append(attribute.group(1));
		}
		String text = TAG.matcher(HIDDEN.matcher(html.replace("<wbr>", "")).replaceAll(" ")).replaceAll(" ") + read;
		text = normal(unescape(text));
		for (String own : dataset) {
			// a name is taken out where it is a whole word, not from within another
			text = (own.length() > 40) ? text.replace(own, " ")
					: text.replaceAll("(?<![A-Za-z0-9_])" + Pattern.quote(own) + "(?![A-Za-z0-9_])", " ");
		}
		// a long text is shortened on some pages
		for (String own : dataset) {
			if (own.length() > 60) {
				text = text.replace(own.substring(0, 40), " ");
			}
		}
		Set<String> words = new LinkedHashSet<>();
		Matcher token = TOKEN.matcher(text);
		while (token.find()) {
			String word = token.group();
			if (word.matches("[A-Za-z]{2,}") && !NAMES.contains(word) && !allowed.contains(word)) {
				words.add(word);
			}
		}
		return words.isEmpty() ? List.of() : List.of(url + ": " + words);
	}

	private static String normal(String text) {
		// a soft hyphen breaks long words, not sentences
		return text.replace("\u00AD", "").replace("&shy;", "").replaceAll("\\s+", " ").strip();
	}

	private static String unescape(String html) {
		return html.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&nbsp;", " ")
			.replace("&amp;", "&");
	}

}
