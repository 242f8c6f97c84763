package org.misalignment.dashboard.web.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Just enough reading of the rendered pages to check their links and facets (no HTML
 * parser on the classpath).
 */
final class Html {

	private static final Pattern ANCHOR = Pattern.compile("<a\\s([^>]*)>(.*?)</a>", Pattern.DOTALL);

	private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	private Html() {
	}

	/** A link: its attributes (unescaped) and its text. */
	record Link(Map<String, String> attributes, String text) {

		String href() {
			return this.attributes.get("href");
		}

		String attribute(String name) {
			return this.attributes.get(name);
		}

		boolean hasClass(String name) {
			String classes = this.attributes.getOrDefault("class", "");
			return List.of(classes.split("\\s+")).contains(name);
		}

	}

	static List<Link> links(String html) {
		List<Link> links = new ArrayList<>();
		Matcher anchor = ANCHOR.matcher(html);
		while (anchor.find()) {
			Map<String, String> attributes = new LinkedHashMap<>();
			Matcher attribute = ATTRIBUTE.matcher(anchor.group(1));
			while (attribute.find()) {
				attributes.put(attribute.group(1), HtmlUtils.htmlUnescape(attribute.group(2)));
			}
			links.add(new Link(attributes, text(anchor.group(2))));
		}
		return links;
	}

	static List<Link> links(String html, String cssClass) {
		return links(html).stream().filter((link) -> link.hasClass(cssClass)).toList();
	}

	/** The text of some markup: tags dropped, entities unescaped, spaces collapsed. */
	static String text(String markup) {
		return HtmlUtils.htmlUnescape(TAG.matcher(markup).replaceAll(" ")).replaceAll("\\s+", " ").strip();
	}

	/** The markup of one facet of the answers browser. */
	static String facet(String html, String parameter) {
		int start = html.indexOf("data-facet=\"" + parameter + "\"");
		if (start < 0) {
			throw new AssertionError("no facet " + parameter);
		}
		int end = html.indexOf("data-facet=\"", start + 1);
		int aside = html.indexOf("</aside>", start);
		return html.substring(start, (end < 0 || aside < end) ? aside : end);
	}

	/** A facet's values and counts, as its links show them. */
	static Map<String, Long> facetCounts(String html, String parameter) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Link link : links(facet(html, parameter), "facet-link")) {
			Matcher count = Pattern.compile("([\\d,]+)$").matcher(link.text());
			if (!count.find()) {
				throw new AssertionError("no count in " + link.text());
			}
			counts.put(link.attribute("data-value"), Long.parseLong(count.group(1).replace(",", "")));
		}
		return counts;
	}

	/** The ids of the answer cards on a page, in order. */
	static List<Long> cardIds(String html) {
		List<Long> ids = new ArrayList<>();
		Matcher id = Pattern.compile("data-answer-id=\"(\\d+)\"").matcher(html);
		while (id.find()) {
			ids.add(Long.parseLong(id.group(1)));
		}
		return ids;
	}

}
