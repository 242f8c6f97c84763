package org.misalignment.dashboard.render.share;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * One page's chart with what an embed or image shows around it: title, the rule in one
 * line, n, the dataset and its version. Read from the record the page's own handler built
 * ({@link EmbeddableChart}), so the numbers are the page's.
 */
record EmbeddedChart(ChartKind kind, String title, String chartJson, ChartSpec spec, Rule rule, Dataset dataset,
		String pinnedVersion, ChartWords words, BubbleChart bubbles) {

	/** A row of the table of numbers under an embedded chart. */
	record Row(String label, String series, String rate, String interval, String n) {
	}

	/**
	 * The page's chart in the reader's language ({@link ChartWords}): its title, its
	 * phrases and the lines around it.
	 */
	static EmbeddedChart of(ChartKind kind, EmbeddableChart page, String condition, String pinnedVersion,
			ChartWords words) {
		String chartJson = page.chartJson(kind.name().toLowerCase(Locale.ROOT));
		boolean scatter = kind == ChartKind.JUDGES_SCATTER;
		return new EmbeddedChart(kind, words.title(kind, page.chartSubject(), condition), chartJson,
				scatter ? ChartSpec.EMPTY : words.spec(ChartSpec.parse(chartJson)), page.rule(), page.dataset(),
				pinnedVersion, words, scatter ? BubbleChart.parse(chartJson) : null);
	}

	/** Whether the chart is the judges' scatter (bubbles) rather than bars. */
	public boolean scatter() {
		return this.bubbles != null;
	}

	/** Whether there is anything to draw. */
	public boolean empty() {
		return scatter() ? this.bubbles.cells().isEmpty() : this.spec.labels().isEmpty();
	}

	/** The rule in one line. */
	public String ruleLine() {
		if (scatter()) {
			return this.words.message("chart.scatterRule", this.bubbles.a(), this.bubbles.b());
		}
		return this.words.ruleLine(this.rule);
	}

	public String nLine() {
		if (scatter()) {
			return this.words.message("chart.scatterLine", this.bubbles.answers(), this.bubbles.cells().size());
		}
		return this.words.nLine(this.spec.n(), this.spec.nLabel(), this.spec.bars());
	}

	public String sourceLine() {
		return this.words.sourceLine(this.dataset);
	}

	/** Set when the link was pinned to a version that is no longer the dataset's. */
	public String notice() {
		if (this.pinnedVersion == null || this.pinnedVersion.isBlank() || this.dataset.getVersion() == null
				|| this.pinnedVersion.equals(this.dataset.getVersion())) {
			return null;
		}
		return this.words.notice(this.pinnedVersion, this.dataset.getVersion());
	}

	ChartDrawing.Caption caption() {
		return new ChartDrawing.Caption(this.title, ruleLine(), nLine(), sourceLine(), notice());
	}

	public List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		if (scatter()) {
			// a band pair per row: judge a's band, judge b's band, the answers in both
			for (BubbleChart.Cell cell : this.bubbles.cells()) {
				rows.add(new Row(this.bubbles.a() + " " + this.bubbles.band(cell.x()),
						this.bubbles.b() + " " + this.bubbles.band(cell.y()), "–", "–",
						String.format(Locale.ENGLISH, "%,d", cell.answers())));
			}
			return rows;
		}
		for (int i = 0; i < this.spec.labels().size(); i++) {
			for (ChartSpec.Series series : this.spec.series()) {
				Double rate = series.values().get(i);
				Long n = series.n().get(i);
				if (rate == null && n == null) {
					continue;
				}
				Double low = series.low().get(i);
				Double high = series.high().get(i);
				rows.add(new Row(this.spec.labels().get(i), series.label(),
						(rate != null) ? ChartDrawing.percent(rate) : "–", (low != null && high != null)
								? ChartDrawing.percent(low) + " – " + ChartDrawing.percent(high) : "–",
						(n != null) ? String.format(Locale.ENGLISH, "%,d", n) : "–"));
			}
		}
		return rows;
	}

}
