package org.misalignment.dashboard.render.share;

import java.util.Optional;

import org.springframework.web.util.UriUtils;

/**
 * Where a chart lives: its page ({@code /d/demo/questions/quick_buck}) and, mirroring it
 * under {@code /embed}, its embed ({@code /embed/d/demo/questions/quick_buck}) and images
 * ({@code … .svg}, {@code … .png}). The overview's embed is
 * {@code /embed/d/{slug}/overview}. Paths here are encoded, ready for a URL.
 *
 * @param key the question id (QUESTION) or the model's id (MODEL), else null
 */
record ChartAddress(ChartKind kind, String slug, String key, Format format) {

	enum Format {

		PAGE(""), SVG(".svg"), PNG(".png");

		final String suffix;

		Format(String suffix) {
			this.suffix = suffix;
		}

	}

	/**
	 * Reads the part of an embed path after {@code /embed/d/{slug}/}, e.g.
	 * {@code questions/quick_buck.svg}.
	 */
	static Optional<ChartAddress> parse(String slug, String chart) {
		String rest = chart.startsWith("/") ? chart.substring(1) : chart;
		Format format = Format.PAGE;
		for (Format image : new Format[] { Format.SVG, Format.PNG }) {
			if (rest.endsWith(image.suffix)) {
				format = image;
				rest = rest.substring(0, rest.length() - image.suffix.length());
			}
		}
		if (rest.equals("judges/scatter")) {
			return Optional.of(new ChartAddress(ChartKind.JUDGES_SCATTER, slug, null, format));
		}
		if (rest.equals("overview")) {
			return Optional.of(new ChartAddress(ChartKind.OVERVIEW, slug, null, format));
		}
		for (ChartKind page : new ChartKind[] { ChartKind.COMPARE, ChartKind.SENSITIVITY, ChartKind.SWEEP,
				ChartKind.JUDGES }) {
			if (rest.equals(page.name().toLowerCase(java.util.Locale.ROOT))) {
				return Optional.of(new ChartAddress(page, slug, null, format));
			}
		}
		if (rest.startsWith("questions/") && rest.length() > "questions/".length()) {
			return Optional
				.of(new ChartAddress(ChartKind.QUESTION, slug, rest.substring("questions/".length()), format));
		}
		if (rest.startsWith("models/") && rest.length() > "models/".length() && !rest.substring(7).contains("/")) {
			return Optional.of(new ChartAddress(ChartKind.MODEL, slug, rest.substring("models/".length()), format));
		}
		return Optional.empty();
	}

	ChartAddress as(Format other) {
		return new ChartAddress(this.kind, this.slug, this.key, other);
	}

	boolean image() {
		return this.format != Format.PAGE;
	}

	/** The page that shows the chart. */
	String pagePath() {
		String dataset = "/d/" + UriUtils.encodePathSegment(this.slug, java.nio.charset.StandardCharsets.UTF_8);
		return switch (this.kind) {
			case OVERVIEW -> dataset;
			case COMPARE -> dataset + "/compare";
			case SENSITIVITY -> dataset + "/sensitivity";
			case SWEEP -> dataset + "/sweep";
			case JUDGES, JUDGES_SCATTER -> dataset + "/judges";
			// a question id may hold slashes: its page takes the rest of the path
			case QUESTION ->
				dataset + "/questions/" + UriUtils.encodePath(this.key, java.nio.charset.StandardCharsets.UTF_8);
			case MODEL ->
				dataset + "/models/" + UriUtils.encodePathSegment(this.key, java.nio.charset.StandardCharsets.UTF_8);
		};
	}

	/** The embed ({@link Format#PAGE}) or image of the chart. */
	String embedPath() {
		String page = pagePath();
		String path = (this.kind == ChartKind.OVERVIEW) ? "/embed" + page + "/overview"
				: (this.kind == ChartKind.JUDGES_SCATTER) ? "/embed" + page + "/scatter" : "/embed" + page;
		return path + this.format.suffix;
	}

}
