package org.misalignment.dashboard.render.share;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a rate chart as boxes, lines and text in pixels, laid out once and then
 * written as SVG ({@link SvgImage}) or painted into a PNG ({@link PngImage}), so both
 * images look alike. It follows what {@code charts.js} draws with Chart.js: bars per
 * label and series in the same colours, skipped null bars, 95% interval whiskers in the
 * text colour, a 0-100% axis with grid lines every 10%, a legend when there are several
 * series; and adds what a picture on its own needs: the title, the rule, n, the dataset
 * and version.
 */
record ChartDrawing(int width, int height, Theme theme, String title, List<Shape> shapes) {

	/** Chart.js's default colours in {@code charts.js}, in the same order. */
	static final List<String> PALETTE = List.of("#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997",
			"#6c757d", "#d63384");

	/**
	 * The font family of Chart.js; text is measured with Java's logical SansSerif font.
	 */
	static final String FONT_FAMILY = "'Helvetica Neue', Helvetica, Arial, sans-serif";

	private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

	private static final int PAD = 16;

	private static final double MAX_BAR = 56;

	private static final int MAX_LABEL = 32;

	sealed interface Shape permits Box, Stroke, Text {

	}

	/**
	 * A filled rectangle; a bar carries its numbers (as the chart's tooltip would tell
	 * them).
	 */
	record Box(double x, double y, double w, double h, String fill, String role, Bar bar) implements Shape {
	}

	record Bar(String label, String series, double rate, Double low, Double high, Long n, String tooltip) {
	}

	record Stroke(double x1, double y1, double x2, double y2, String color, double width,
			String role) implements Shape {
	}

	enum Anchor {

		START, MIDDLE, END

	}

	/**
	 * Text on its baseline at (x, y), turned by {@code rotate} degrees around that point.
	 */
	record Text(double x, double y, String text, double size, boolean bold, Anchor anchor, double rotate,
			String color) implements Shape {
	}

	/**
	 * The words around the chart: title, the rule in one line, n, dataset and version,
	 * and a notice if any.
	 */
	record Caption(String title, String rule, String n, String source, String notice) {
	}

	static ChartDrawing of(ChartSpec spec, Caption caption, Theme theme, int width, int height) {
		List<Shape> shapes = new ArrayList<>();
		shapes.add(new Box(0, 0, width, height, theme.background, "background", null));
		double y = PAD + 16;
		for (String line : wrap(caption.title(), 16, true, width - 2 * PAD, 2)) {
			shapes.add(new Text(PAD, y, line, 16, true, Anchor.START, 0, theme.text));
			y += 20;
		}
		if (caption.notice() != null) {
			shapes.add(new Text(PAD, y, fit(caption.notice(), 12, false, width - 2 * PAD), 12, true, Anchor.START, 0,
					"#dc3545"));
			y += 18;
		}
		if (spec.series().size() > 1) {
			y = legend(spec, theme, width, y + 4, shapes) + 6;
		}

		List<String> footer = new ArrayList<>();
		footer.add(caption.rule());
		footer.add(caption.n());
		footer.add(caption.source());
		double footerTop = height - PAD - (footer.size() - 1) * 15 - 11;
		double lineY = footerTop + 11;
		for (String line : footer) {
			shapes.add(new Text(PAD, lineY, fit(line, 11, false, width - 2 * PAD), 11, false, Anchor.START, 0,
					theme.muted));
			lineY += 15;
		}

		double left = PAD + 18 + width("100", 11, false) + 8;
		double right = width - PAD;
		int count = Math.max(1, spec.labels().size());
		double slot = (right - left) / count;
		List<String> labels = spec.labels().stream().map((label) -> shorten(label, MAX_LABEL)).toList();
		double widest = labels.stream().mapToDouble((label) -> width(label, 11, false)).max().orElse(0);
		boolean turned = widest > slot - 4;
		if (turned) {
			// a label turned by 45° runs down to the left: it must end inside the picture
			// and the band below the axis
			List<String> fitted = new ArrayList<>();
			for (int i = 0; i < labels.size(); i++) {
				double room = Math.min(170, (left + slot * (i + 0.5) - 4) / Math.cos(Math.toRadians(45)));
				fitted.add(fit(labels.get(i), 11, false, room));
			}
			labels = fitted;
			widest = labels.stream().mapToDouble((label) -> width(label, 11, false)).max().orElse(0);
		}
		double labelBand = turned ? widest * Math.sin(Math.toRadians(45)) + 16 : 20;
		double bottom = footerTop - 14 - labelBand;
		double top = y + 8;
		if (bottom - top < 60) {
			bottom = top + 60;
		}
		axis(theme, left, right, top, bottom, spec.yTitle(), shapes);
		if (spec.labels().isEmpty()) {
			shapes.add(new Text((left + right) / 2, (top + bottom) / 2, "No rates to show for these parameters", 13,
					false, Anchor.MIDDLE, 0, theme.muted));
		}
		for (int i = 1; i <= spec.labels().size(); i++) {
			// Chart.js draws a grid line between the labels of a bar chart
			shapes.add(new Stroke(left + slot * i, top, left + slot * i, bottom, theme.grid, 1, "grid"));
		}
		for (int i = 0; i < spec.labels().size(); i++) {
			double center = left + slot * (i + 0.5);
			bars(spec, i, center, slot, top, bottom, theme, shapes);
			if (turned) {
				shapes.add(new Text(center, bottom + 12, labels.get(i), 11, false, Anchor.END, -45, theme.text));
			}
			else {
				shapes.add(new Text(center, bottom + 15, labels.get(i), 11, false, Anchor.MIDDLE, 0, theme.text));
			}
		}
		return new ChartDrawing(width, height, theme, caption.title(), shapes);
	}

	private static double legend(ChartSpec spec, Theme theme, int width, double y, List<Shape> shapes) {
		List<Double> widths = new ArrayList<>();
		double total = 0;
		for (ChartSpec.Series series : spec.series()) {
			double w = 40 + 6 + width(shorten(series.label(), 40), 12, false);
			widths.add(w);
			total += w + 16;
		}
		double x = Math.max(PAD, (width - total + 16) / 2);
		for (int i = 0; i < spec.series().size(); i++) {
			ChartSpec.Series series = spec.series().get(i);
			shapes.add(new Box(x, y - 10, 40, 12, series.colorAt(0, PALETTE.get(i % PALETTE.size())), "legend", null));
			shapes.add(new Text(x + 46, y, shorten(series.label(), 40), 12, false, Anchor.START, 0, theme.text));
			x += widths.get(i) + 16;
		}
		return y + 8;
	}

	private static void axis(Theme theme, double left, double right, double top, double bottom, String yTitle,
			List<Shape> shapes) {
		for (int tick = 0; tick <= 100; tick += 10) {
			double y = bottom - (bottom - top) * tick / 100.0;
			shapes.add(new Stroke(left, y, right, y, theme.grid, 1, "grid"));
			shapes.add(new Text(left - 6, y + 4, Integer.toString(tick), 11, false, Anchor.END, 0, theme.text));
		}
		shapes.add(new Stroke(left, top, left, bottom, theme.grid, 1, "axis"));
		String title = (yTitle != null) ? yTitle : "misaligned answers (%)";
		shapes.add(new Text(PAD + 10, (top + bottom) / 2, title, 12, false, Anchor.MIDDLE, -90, theme.text));
	}

	/**
	 * The bars of one label: its series with a rate, closed up and centred like
	 * Chart.js's skipNull.
	 */
	private static void bars(ChartSpec spec, int index, double center, double slot, double top, double bottom,
			Theme theme, List<Shape> shapes) {
		List<Integer> present = new ArrayList<>();
		for (int s = 0; s < spec.series().size(); s++) {
			if (spec.series().get(s).values().get(index) != null) {
				present.add(s);
			}
		}
		if (present.isEmpty()) {
			return;
		}
		double share = slot * 0.8 / present.size();
		double barWidth = Math.min(MAX_BAR, share * 0.9);
		double start = center - share * present.size() / 2;
		for (int k = 0; k < present.size(); k++) {
			int s = present.get(k);
			ChartSpec.Series series = spec.series().get(s);
			double rate = series.values().get(index);
			double x = start + share * (k + 0.5);
			double barTop = scale(rate, top, bottom);
			String color = series.colorAt(index, PALETTE.get(s % PALETTE.size()));
			Double low = series.low().get(index);
			Double high = series.high().get(index);
			Long n = series.n().get(index);
			String tooltip = tooltip(spec, series, index);
			shapes.add(new Box(x - barWidth / 2, barTop, barWidth, bottom - barTop, color, "bar",
					new Bar(spec.labels().get(index), series.label(), rate, low, high, n, tooltip)));
			if (low != null && high != null) {
				double yHigh = scale(high, top, bottom);
				double yLow = scale(low, top, bottom);
				double half = Math.min(8, barWidth / 4);
				shapes.add(new Stroke(x, yHigh, x, yLow, theme.text, 1.5, "whisker"));
				shapes.add(new Stroke(x - half, yHigh, x + half, yHigh, theme.text, 1.5, "whisker"));
				shapes.add(new Stroke(x - half, yLow, x + half, yLow, theme.text, 1.5, "whisker"));
			}
		}
	}

	/** The words of the chart's tooltip in {@code charts.js}. */
	static String tooltip(ChartSpec spec, ChartSpec.Series series, int index) {
		Double rate = series.values().get(index);
		StringBuilder text = new StringBuilder(spec.labels().get(index)).append(" · ");
		if (!series.label().isEmpty()) {
			text.append(series.label()).append(": ");
		}
		text.append((rate == null) ? "no rate" : percent(rate));
		Double low = series.low().get(index);
		Double high = series.high().get(index);
		if (low != null && high != null) {
			text.append(" (95% ").append(percent(low)).append("–").append(percent(high)).append(")");
		}
		Long n = series.n().get(index);
		if (n != null) {
			text.append(", ")
				.append(String.format(Locale.ENGLISH, "%,d", n))
				.append(' ')
				.append((spec.nLabel() != null) ? spec.nLabel() : "eligible answers");
		}
		return text.toString();
	}

	static String percent(double rate) {
		return String.format(Locale.ENGLISH, "%.1f%%", rate * 100);
	}

	private static double scale(double rate, double top, double bottom) {
		double clamped = Math.max(0, Math.min(1, rate));
		return bottom - (bottom - top) * clamped;
	}

	static double width(String text, double size, boolean bold) {
		Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
		return font.getStringBounds(text, MEASURE).getWidth();
	}

	private static String shorten(String text, int max) {
		return (text.codePointCount(0, text.length()) <= max) ? text
				: text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
	}

	/** The text, cut with an ellipsis to fit the width. */
	private static String fit(String text, double size, boolean bold, double max) {
		if (width(text, size, bold) <= max) {
			return text;
		}
		int end = text.length();
		while (end > 1 && width(text.substring(0, end) + "…", size, bold) > max) {
			end = text.offsetByCodePoints(end, -1);
		}
		return text.substring(0, end).stripTrailing() + "…";
	}

	/**
	 * Words broken into at most {@code lines} lines of the width; the last one cut to
	 * fit.
	 */
	private static List<String> wrap(String text, double size, boolean bold, double max, int lines) {
		List<String> out = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		String[] words = text.split(" ");
		int i = 0;
		for (; i < words.length && out.size() < lines - 1; i++) {
			String candidate = line.isEmpty() ? words[i] : line + " " + words[i];
			if (width(candidate, size, bold) > max && !line.isEmpty()) {
				out.add(line.toString());
				line = new StringBuilder(words[i]);
			}
			else {
				line = new StringBuilder(candidate);
			}
		}
		for (; i < words.length; i++) {
			line.append(line.isEmpty() ? "" : " ").append(words[i]);
		}
		out.add(fit(line.toString(), size, bold, max));
		return out;
	}

}
