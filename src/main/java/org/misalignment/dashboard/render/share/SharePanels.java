package org.misalignment.dashboard.render.share;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

import org.misalignment.dashboard.store.catalog.Dataset;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The share panel under a chart: its permalink, an iframe snippet, its images, a Markdown
 * snippet and a citation, all absolute URLs with the page's whole query and the dataset's
 * version pinned ({@code version=…}), so that a reader who follows one after a re-import
 * is told the data has changed. Behind a proxy, the host and scheme come from
 * {@code X-Forwarded-*} ({@code server.forward-headers-strategy=framework}). Its theme
 * and width choices write the embed, images and snippets for that look ({@link Look}).
 * Templates call {@code ${@share.panel(dataset, 'question', question.questionId,
 * question.questionId)}}.
 */
@Component("share")
public class SharePanels {

	/**
	 * Parameters of the look of an embed or image, not of the view: a permalink leaves
	 * them out.
	 */
	private static final List<String> LOOK = List.of("theme", "width", "height", "scale");

	/**
	 * The widths the panel offers for the images and the iframe; the images' default
	 * width is the middle one.
	 */
	static final List<Integer> WIDTHS = List.of(600, 800, 1200);

	static final int DEFAULT_WIDTH = 800;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChartWords words;

	SharePanels(ChartWords words) {
		this.words = words;
	}

	/**
	 * What the panel shows; every field is plain text to copy.
	 *
	 * @param themes the theme choices, and {@code widths} the width choices: links to
	 * this page with the panel written for that look
	 * @param variants the snippets of every look as JSON, for {@code share.js} to swap in
	 * without a new page
	 */
	public record SharePanel(String title, String permalink, String embed, String iframe, String png, String svg,
			String markdown, String citation, String look, List<Choice> themes, List<Choice> widths, String variants) {
	}

	/** One look to choose: its words, the page with the panel written for it. */
	public record Choice(String label, String href, boolean selected, String theme, String width) {
	}

	/** The snippets that change with the look. */
	record Snippets(String embed, String iframe, String png, String svg, String markdown) {
	}

	/**
	 * How an embed or image looks: its theme and width. A width the panel does not offer
	 * is the default.
	 */
	record Look(Theme theme, int width) {

		static Look of(HttpServletRequest request) {
			String width = request.getParameter("width");
			int chosen = WIDTHS.stream()
				.filter((one) -> String.valueOf(one).equals((width != null) ? width.strip() : null))
				.findFirst()
				.orElse(DEFAULT_WIDTH);
			return new Look(Theme.of(request.getParameter("theme")), chosen);
		}

		String key() {
			return this.theme.id() + "-" + this.width;
		}

		/**
		 * The look's parameters added to a query ({@code ?…}, or empty): only what
		 * differs from the defaults, and the width only for an image.
		 */
		String addedTo(String query, boolean image) {
			StringBuilder out = new StringBuilder(query);
			if (this.theme == Theme.DARK) {
				out.append(out.isEmpty() ? '?' : '&').append("theme=dark");
			}
			if (image && this.width != DEFAULT_WIDTH) {
				out.append(out.isEmpty() ? '?' : '&').append("width=").append(this.width);
			}
			return out.toString();
		}

	}

	/**
	 * @param kind overview, question, model or compare
	 * @param key the question id or the model's id (the page's path), else null
	 * @param subject what the chart is of, for its title: the question set, question id,
	 * model name or "A vs B"
	 */
	public SharePanel panel(Dataset dataset, String kind, Object key, String subject) {
		HttpServletRequest request = request();
		ChartKind chart = ChartKind.of(kind);
		ChartAddress page = new ChartAddress(chart, dataset.getSlug(), (key != null) ? String.valueOf(key) : null,
				ChartAddress.Format.PAGE);
		String title = this.words.title(chart, subject, request.getParameter("condition"));
		String query = query(request, dataset.getVersion());
		String base = base();
		String permalink = base + page.pagePath() + query;
		Map<String, Snippets> variants = new LinkedHashMap<>();
		for (Theme theme : Theme.values()) {
			for (int width : WIDTHS) {
				Look look = new Look(theme, width);
				variants.put(look.key(), snippets(base, page, query, title, permalink, look));
			}
		}
		Look chosen = Look.of(request);
		Snippets shown = variants.get(chosen.key());
		String citation = this.words.message("share.citationText", dataset.getTitle(), dataset.getVersion(),
				(dataset.getSourceUrl() != null) ? dataset.getSourceUrl() : this.words.message("share.sourceNotGiven"),
				title, permalink, LocalDate.now(ZoneOffset.UTC).toString());
		// without scripts a choice is a link to this page, the panel written for it
		String here = base + page.pagePath();
		String view = query(request, null);
		List<Choice> themes = new ArrayList<>();
		for (Theme theme : Theme.values()) {
			Look look = new Look(theme, chosen.width());
			themes.add(new Choice((theme == Theme.DARK) ? "Dark" : "Light", choice(here, view, look),
					theme == chosen.theme(), theme.id(), null));
		}
		List<Choice> widths = new ArrayList<>();
		for (int width : WIDTHS) {
			Look look = new Look(chosen.theme(), width);
			widths.add(new Choice(width + " px", choice(here, view, look), width == chosen.width(), null,
					String.valueOf(width)));
		}
		return new SharePanel(title, permalink, shown.embed(), shown.iframe(), shown.png(), shown.svg(),
				shown.markdown(), citation, chosen.key(), themes, widths, JSON.writeValueAsString(variants));
	}

	private static Snippets snippets(String base, ChartAddress page, String query, String title, String permalink,
			Look look) {
		String embed = base + page.embedPath() + look.addedTo(query, false);
		String png = base + page.as(ChartAddress.Format.PNG).embedPath() + look.addedTo(query, true);
		String svg = base + page.as(ChartAddress.Format.SVG).embedPath() + look.addedTo(query, true);
		String iframe = "<iframe src=\"" + HtmlUtils.htmlEscape(embed) + "\" title=\"" + HtmlUtils.htmlEscape(title)
				+ "\" width=\"" + look.width() + "\" height=\"" + iframeHeight(look.width())
				+ "\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>";
		String markdown = "[![" + markdown(title) + "](" + png + ")](" + permalink + ")";
		return new Snippets(embed, iframe, png, svg, markdown);
	}

	/**
	 * The iframe's height for its width: the embed's chart has a fixed height, and its
	 * words take more lines in a narrower frame.
	 */
	static int iframeHeight(int width) {
		return (width < DEFAULT_WIDTH) ? 600 : 560;
	}

	/**
	 * The page with the panel written for a look, opened at the panel.
	 * @param view the page's query without the look, {@code ?…} or empty
	 */
	private static String choice(String page, String view, Look look) {
		return page + (view.isEmpty() ? "?" : view + "&") + "theme=" + look.theme().id() + "&width=" + look.width()
				+ "#share";
	}

	/**
	 * The absolute URL of a chart's page or embed with the current query (the look left
	 * out).
	 */
	static String absolute(ChartAddress address, HttpServletRequest request, boolean embed) {
		String path = embed ? address.embedPath() : address.pagePath();
		return base() + path + query(request, null);
	}

	/**
	 * The query of the current request without the look, with {@code version} set when
	 * given.
	 */
	private static String query(HttpServletRequest request, String version) {
		Map<String, String> query = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (values.length > 0 && !values[0].isEmpty() && !LOOK.contains(name)) {
				query.put(name, values[0]);
			}
		});
		if (version != null) {
			query.remove("version");
			query.put("version", version);
		}
		StringJoiner text = new StringJoiner("&", "?", "").setEmptyValue("");
		query.forEach((name, value) -> text
			.add(UriUtils.encode(name, StandardCharsets.UTF_8) + "=" + UriUtils.encode(value, StandardCharsets.UTF_8)));
		return text.toString();
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUriString();
	}

	/**
	 * Text for a Markdown link's label: the characters Markdown would read as markup,
	 * escaped.
	 */
	static String markdown(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if ("\\`*_{}[]()<>#+-.!|~".indexOf(c) >= 0) {
				out.append('\\');
			}
			out.append(c == '\n' ? ' ' : c);
		}
		return out.toString();
	}

	private static HttpServletRequest request() {
		return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
	}

}
