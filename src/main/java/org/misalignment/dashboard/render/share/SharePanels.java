package org.misalignment.dashboard.render.share;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

import org.misalignment.dashboard.store.catalog.Dataset;

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
 * {@code X-Forwarded-*} ({@code server.forward-headers-strategy=framework}). Templates
 * call {@code ${@share.panel(dataset, 'question', question.questionId,
 * question.questionId)}}.
 */
@Component("share")
public class SharePanels {

	/**
	 * Parameters of the look of an embed or image, not of the view: a permalink leaves
	 * them out.
	 */
	private static final List<String> LOOK = List.of("theme", "width", "height", "scale");

	/** What the panel shows; every field is plain text to copy. */
	public record SharePanel(String title, String permalink, String embed, String iframe, String png, String svg,
			String markdown, String citation) {
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
		String title = chart.title(subject, request.getParameter("condition"));
		String query = query(request, dataset.getVersion());
		String base = base();
		String permalink = base + page.pagePath() + query;
		String embed = base + page.embedPath() + query;
		String png = base + page.as(ChartAddress.Format.PNG).embedPath() + query;
		String svg = base + page.as(ChartAddress.Format.SVG).embedPath() + query;
		String iframe = "<iframe src=\"" + HtmlUtils.htmlEscape(embed) + "\" title=\"" + HtmlUtils.htmlEscape(title)
				+ "\" width=\"100%\" height=\"560\" style=\"border:0\" loading=\"lazy\"></iframe>";
		String markdown = "[![" + markdown(title) + "](" + png + ")](" + permalink + ")";
		String citation = dataset.getTitle() + " (dataset, version " + dataset.getVersion() + "). Source: "
				+ ((dataset.getSourceUrl() != null) ? dataset.getSourceUrl() : "not given") + ". Chart: “" + title
				+ "”. " + permalink + " (accessed " + LocalDate.now(ZoneOffset.UTC) + ").";
		return new SharePanel(title, permalink, embed, iframe, png, svg, markdown, citation);
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
