package org.misalignment.dashboard.render.share;

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
 * and version. Words are wrapped to the width, never cut ({@link ChartText}); when they
 * leave the bars less than 60 px of the asked height, the picture grows taller.
 */
record ChartDrawing(int width, int height, Theme theme, String title, List<Shape> shapes) {

	/** Chart.js's default colours in {@code charts.js}, in the same order. */
	static final List<String> PALETTE = List.of("#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997",
			"#6c757d", "#d63384");

	/**
	 * The font family of Chart.js; text is measured with Java's logical SansSerif font
	 * ({@link ChartText}).
	 */
	static final String FONT_FAMILY = "'Helvetica Neue', Helvetica, Arial, 'Noto Sans CJK SC', 'Noto Sans SC', "
			+ "'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

	private static final int PAD = 16;

	/** The least height the bars keep before the picture grows to hold its words. */
	private static final double MIN_PLOT = 60;

	private static final int TITLE_LINES = 6;

	/**
	 * At most this many lines for each line of the caption: never reached but by abuse.
	 */
	private static final int CAPTION_LINES = 8;

	private static final double FOOTER_LEADING = 15;

	private static final double SWATCH = 40;

	private static final int MAX_LEGEND = 120;

	private static final double MAX_BAR = 56;

	private static final int MAX_LABEL = 32;

	sealed interface Shape permits Box, Stroke, Text, Circle {

	}

	/**
	 * A bubble: a disc of {@code color} filled at {@code opacity}, edged in the colour,
	 * with its tooltip's words.
	 */
	record Circle(double cx, double cy, double r, String color, double opacity, String role,
			String tooltip) implements Shape {
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
	record Text(double x, double y, String text, double size, boolean bold, Anchor anchor, double rotate, String color,
			String role) implements Shape {
	}

	/**
	 * The words around the chart: title, the rule in one line, n, dataset and version,
	 * and a notice if any.
	 */
	record Caption(String title, String rule, String n, String source, String notice) {
	}

	static ChartDrawing of(ChartSpec spec, Caption caption, Theme theme, int width, int requestedHeight) {
		List<Shape> shapes = new ArrayList<>();
		double room = width - 2 * PAD;
		double y = PAD + 16;
		for (String line : ChartText.wrap(caption.title(), 16, true, room, TITLE_LINES)) {
			shapes.add(new Text(PAD, y, line, 16, true, Anchor.START, 0, theme.text, "title"));
			y += 20;
		}
		if (caption.notice() != null) {
			for (String line : ChartText.wrap(caption.notice(), 12, true, room, CAPTION_LINES)) {
				shapes.add(new Text(PAD, y, line, 12, true, Anchor.START, 0, "#dc3545", "notice"));
				y += 16;
			}
			y += 2;
		}
		if (spec.series().size() > 1) {
			y = legend(spec, theme, width, y + 4, shapes) + 6;
		}
		double top = y + 8;

		// the words under the chart, each wrapped to the width: nothing cut
		List<Text> footer = new ArrayList<>();
		String[][] lines = { { caption.rule(), "rule" }, { caption.n(), "n" }, { caption.source(), "source" } };
		for (String[] line : lines) {
			for (String part : ChartText.wrap(line[0], 11, false, room, CAPTION_LINES)) {
				footer.add(new Text(PAD, 0, part, 11, false, Anchor.START, 0, theme.muted, line[1]));
			}
		}
		double footerHeight = (footer.size() - 1) * FOOTER_LEADING + 11;

		double left = PAD + 18 + ChartText.width("100", 11, false) + 8;
		double right = width - PAD;
		int count = Math.max(1, spec.labels().size());
		double slot = (right - left) / count;
		List<String> labels = spec.labels().stream().map((label) -> ChartText.shorten(label, MAX_LABEL)).toList();
		double widest = labels.stream().mapToDouble((label) -> ChartText.width(label, 11, false)).max().orElse(0);
		boolean turned = widest > slot - 4;
		if (turned) {
			// a label turned by 45° runs down to the left: it must end inside the picture
			// and the band below the axis
			List<String> fitted = new ArrayList<>();
			for (int i = 0; i < labels.size(); i++) {
				double labelRoom = Math.min(170, (left + slot * (i + 0.5) - 4) / Math.cos(Math.toRadians(45)));
				fitted.add(ChartText.fit(labels.get(i), 11, false, labelRoom));
			}
			labels = fitted;
			widest = labels.stream().mapToDouble((label) -> ChartText.width(label, 11, false)).max().orElse(0);
		}
		double labelBand = turned ? widest * Math.sin(Math.toRadians(45)) + 16 : 20;
		// the picture grows when its words would leave the bars less than MIN_PLOT
		int height = (int) Math.max(requestedHeight, Math.ceil(top + MIN_PLOT + 14 + labelBand + footerHeight + PAD));
		shapes.add(0, new Box(0, 0, width, height, theme.background, "background", null));
		double footerTop = height - PAD - footerHeight;
		double lineY = footerTop + 11;
		for (Text line : footer) {
			shapes.add(new Text(line.x(), lineY, line.text(), line.size(), line.bold(), line.anchor(), 0, line.color(),
					line.role()));
			lineY += FOOTER_LEADING;
		}
		double bottom = footerTop - 14 - labelBand;
		axis(theme, left, right, top, bottom, height, spec.yTitle(), shapes);
		if (spec.labels().isEmpty()) {
			List<String> empty = ChartText.wrap("No rates to show for these parameters", 13, false, right - left, 3);
			double emptyY = (top + bottom) / 2 - (empty.size() - 1) * 8;
			for (String line : empty) {
				shapes
					.add(new Text((left + right) / 2, emptyY, line, 13, false, Anchor.MIDDLE, 0, theme.muted, "empty"));
				emptyY += 16;
			}
		}
		for (int i = 1; i <= spec.labels().size(); i++) {
			// Chart.js draws a grid line between the labels of a bar chart
			shapes.add(new Stroke(left + slot * i, top, left + slot * i, bottom, theme.grid, 1, "grid"));
		}
		for (int i = 0; i < spec.labels().size(); i++) {
			double center = left + slot * (i + 0.5);
			bars(spec, i, center, slot, top, bottom, theme, shapes);
			if (turned) {
				shapes
					.add(new Text(center, bottom + 12, labels.get(i), 11, false, Anchor.END, -45, theme.text, "label"));
			}
			else {
				shapes.add(
						new Text(center, bottom + 15, labels.get(i), 11, false, Anchor.MIDDLE, 0, theme.text, "label"));
			}
		}
		return new ChartDrawing(width, height, theme, caption.title(), shapes);
	}

	/**
	 * The legend: a swatch and the series' name per series, in centred rows that wrap
	 * like words; a name wider than the picture wraps onto more lines.
	 * @return the baseline below the legend
	 */
	private static double legend(ChartSpec spec, Theme theme, int width, double y, List<Shape> shapes) {
		double room = width - 2 * PAD;
		List<List<String>> names = new ArrayList<>();
		List<Double> widths = new ArrayList<>();
		for (ChartSpec.Series series : spec.series()) {
			List<String> name = ChartText.wrap(ChartText.shorten(series.label(), MAX_LEGEND), 12, false,
					room - SWATCH - 6, CAPTION_LINES);
			names.add(name);
			widths.add(
					SWATCH + 6 + name.stream().mapToDouble((line) -> ChartText.width(line, 12, false)).max().orElse(0));
		}
		List<List<Integer>> rows = new ArrayList<>();
		double used = room;
		for (int i = 0; i < widths.size(); i++) {
			if (rows.isEmpty() || used + 16 + widths.get(i) > room) {
				rows.add(new ArrayList<>());
				used = -16;
			}
			rows.get(rows.size() - 1).add(i);
			used += 16 + widths.get(i);
		}
		double baseline = y;
		for (List<Integer> row : rows) {
			double total = row.stream().mapToDouble((i) -> widths.get(i) + 16).sum() - 16;
			double x = PAD + Math.max(0, (room - total) / 2);
			int tallest = 1;
			for (int i : row) {
				ChartSpec.Series series = spec.series().get(i);
				shapes.add(new Box(x, baseline - 10, SWATCH, 12, series.colorAt(0, PALETTE.get(i % PALETTE.size())),
						"legend", null));
				double lineY = baseline;
				for (String line : names.get(i)) {
					shapes.add(new Text(x + SWATCH + 6, lineY, line, 12, false, Anchor.START, 0, theme.text, "legend"));
					lineY += 15;
				}
				tallest = Math.max(tallest, names.get(i).size());
				x += widths.get(i) + 16;
			}
			baseline += (tallest - 1) * 15 + 18;
		}
		return baseline - 18 + 8;
	}

	private static void axis(Theme theme, double left, double right, double top, double bottom, int height,
			String yTitle, List<Shape> shapes) {
		// a number every 10%, or every 20% or 50% when the bars are too short for that
		int every = 10;
		while (every < 50 && (bottom - top) * every / 100.0 < 14) {
			every = (every == 10) ? 20 : 50;
		}
		for (int tick = 0; tick <= 100; tick += 10) {
			double y = bottom - (bottom - top) * tick / 100.0;
			shapes.add(new Stroke(left, y, right, y, theme.grid, 1, "grid"));
			if (tick % every == 0) {
				shapes.add(new Text(left - 6, y + 4, Integer.toString(tick), 11, false, Anchor.END, 0, theme.text,
						"tick"));
			}
		}
		shapes.add(new Stroke(left, top, left, bottom, theme.grid, 1, "axis"));
		String title = ChartText.fit((yTitle != null) ? yTitle : "misaligned answers (%)", 12, false, height - 8);
		// beside the bars' middle, moved as little as it takes to stay inside the picture
		double half = ChartText.width(title, 12, false) / 2;
		double middle = Math.max(half + 4, Math.min(height - half - 4, (top + bottom) / 2));
		shapes.add(new Text(PAD + 10, middle, title, 12, false, Anchor.MIDDLE, -90, theme.text, "y-title"));
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

}
