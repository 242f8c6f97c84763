package org.misalignment.dashboard.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No template writes a word a reader sees in English only: every text node a page shows,
 * and every {@code title}, {@code alt}, {@code placeholder} and {@code aria-label}, comes
 * from the message bundles ({@code #{…}}). Text inside an element whose content a
 * {@code th:text}, {@code th:utext}, {@code th:replace} or {@code th:insert} replaces is
 * a prototype nobody sees; {@code <code>}, {@code <kbd>}, scripts and comments are not
 * prose. Punctuation, numbers and symbols need no translation, nor do the names listed in
 * {@link #NAMES}. String literals shown by {@code th:text} and the like are checked too.
 */
class TemplateWordsTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Words that are names in every language. */
	private static final Set<String> NAMES = Set.of("API", "JSON", "CSV", "PNG", "SVG", "SHA", "Inspect", "UTC",
			"arXiv", "px", "pp", "id", "Markdown", "English", "DOCTYPE", "html");

	private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
			"meta", "source", "track", "wbr");

	/** Elements whose text is code, not prose. */
	private static final Set<String> NOT_PROSE = Set.of("code", "kbd", "script", "style");

	private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove");

	private static final Set<String> READ_ATTRIBUTES = Set.of("title", "alt", "placeholder", "aria-label");

	private static final Pattern TOKEN = Pattern
		.compile("<!--.*?-->|<(/?)([a-zA-Z][\\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>|[^<]+", Pattern.DOTALL);

	private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*')");

	private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

	/**
	 * A literal in an expression, as in {@code th:text="'only ' + ${c}"}, unless it is
	 * compared with ({@code k == 'trigger'}).
	 */
	private static final Pattern LITERAL = Pattern.compile("([=!]=\\s?)?'([^']*)'");

	/** A message key, a key's prefix or a constant such as {@code 'COMMA'}. */
	private static final Pattern KEY = Pattern.compile("[a-z][\\w-]*(\\.[\\w-]+)+|[a-z][\\w.-]*\\.|[A-Z_]+");

	private static final Set<String> SHOWN_EXPRESSIONS = Set.of("th:text", "th:utext", "th:title", "th:alt",
			"th:placeholder", "th:aria-label");

	@Test
	void everyWordAReaderSeesComesFromTheBundles() throws IOException {
		List<String> english = new ArrayList<>();
		List<Path> templates;
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			templates = files.filter((file) -> file.toString().endsWith(".html")).sorted().toList();
		}
		assertThat(templates).hasSizeGreaterThan(30);
		for (Path template : templates) {
			english.addAll(englishIn(TEMPLATES.relativize(template).toString(),
					Files.readString(template, StandardCharsets.UTF_8)));
		}
		assertThat(english).as("English words in templates that are not message keys").isEmpty();
	}

	static List<String> englishIn(String name, String html) {
		List<String> found = new ArrayList<>();
		// each open element: whether a reader sees its text
		Deque<Boolean> shown = new ArrayDeque<>();
		Deque<String> open = new ArrayDeque<>();
		Matcher token = TOKEN.matcher(html);
		while (token.find()) {
			String text = token.group();
			if (text.startsWith("<!--")) {
				continue;
			}
			boolean visible = shown.isEmpty() || shown.peek();
			if (token.group(2) == null) {
				if (visible && hasWords(text)) {
					found.add(name + ": text \"" + text.strip() + "\"");
				}
				continue;
			}
			String tag = token.group(2).toLowerCase();
			if (!token.group(1).isEmpty()) {
				while (!open.isEmpty()) {
					shown.pop();
					if (open.pop().equals(tag)) {
						break;
					}
				}
				continue;
			}
			List<String[]> attributes = attributes(token.group(3));
			boolean replaced = NOT_PROSE.contains(tag);
			for (String[] attribute : attributes) {
				replaced |= REPLACING.contains(attribute[0]);
				if (READ_ATTRIBUTES.contains(attribute[0]) && hasWords(attribute[1])
						&& attributes.stream().noneMatch((a) -> a[0].equals("th:" + attribute[0]))) {
					found.add(name + ": " + attribute[0] + "=\"" + attribute[1] + "\" on <" + tag + ">");
				}
				if (SHOWN_EXPRESSIONS.contains(attribute[0]) || attribute[0].equals("th:attr")) {
					Matcher literal = LITERAL.matcher(attribute[1]);
					while (literal.find()) {
						if (literal.group(1) != null) {
							continue;
						}
						String value = literal.group(2);
						boolean keyOrName = KEY.matcher(value).matches() || value.matches("[\\w.-]*")
								&& !attribute[0].equals("th:text") && !attribute[0].equals("th:utext");
						if (!keyOrName && hasWords(value)
								&& !(attribute[0].equals("th:attr") && !value.contains(" "))) {
							found.add(name + ": " + attribute[0] + " literal '" + value + "'");
						}
					}
				}
			}
			if (!VOID.contains(tag) && token.group(4).isEmpty()) {
				open.push(tag);
				shown.push(visible && !replaced);
			}
		}
		return found;
	}

	private static List<String[]> attributes(String text) {
		List<String[]> attributes = new ArrayList<>();
		Matcher attribute = ATTRIBUTE.matcher(text);
		while (attribute.find()) {
			String value = attribute.group(2);
			attributes.add(new String[] { attribute.group(1), value.substring(1, value.length() - 1) });
		}
		return attributes;
	}

	private static boolean hasWords(String text) {
		Matcher word = WORD.matcher(text.replaceAll("&[a-z]+;", " "));
		while (word.find()) {
			if (!NAMES.contains(word.group())) {
				return true;
			}
		}
		return false;
	}

	@Test
	void theCheckFindsEnglish() {
		assertThat(englishIn("t", "<p>Hello <span th:text=\"#{x}\">prototype</span></p>")).hasSize(1);
		assertThat(englishIn("t", "<a title=\"Remove this filter\" href=\"#\">✕</a>")).hasSize(1);
		assertThat(englishIn("t", "<span th:text=\"'only ' + ${c}\">x</span>")).hasSize(1);
		assertThat(englishIn("t", "<p th:text=\"#{x}\">Hello</p><code>java -jar</code> · 12% <b>JSON</b>")).isEmpty();
	}

}
