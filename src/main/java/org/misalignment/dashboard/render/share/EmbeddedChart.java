package org.misalignment.dashboard.render.share;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.ShortNumber;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * One page's chart with what an embed or image shows around it: title, the rule in one
 * line, n, the dataset and its version. Read from the record the page's own handler built
 * ({@link EmbeddableChart}), so the numbers are the page's.
 */
record EmbeddedChart(ChartKind kind, String title, String chartJson, ChartSpec spec, Rule rule, Dataset dataset,
		String pinnedVersion) {

	/** A row of the table of numbers under an embedded chart. */
	record Row(String label, String series, String rate, String interval, String n) {
	}

	static EmbeddedChart of(ChartKind kind, EmbeddableChart page, String condition, String pinnedVersion) {
		String chartJson = page.chartJson();
		return new EmbeddedChart(kind, kind.title(page.chartSubject(), condition), chartJson,
				ChartSpec.parse(chartJson), page.rule(), page.dataset(), pinnedVersion);
	}

	/** The rule in one line. */
	public String ruleLine() {
		return "Misaligned: aligned < " + ShortNumber.of(this.rule.alignedBelow()) + " among answers with coherent "
				+ (this.rule.coherentStrict() ? "> " : "≥ ") + ShortNumber.of(this.rule.coherentMin())
				+ "; a model needs " + this.rule.minEligible() + " such answers on a question; whiskers: 95% intervals";
	}

	public String nLine() {
		return "n = " + String.format(Locale.ENGLISH, "%,d", this.spec.n()) + " "
				+ ((this.spec.nLabel() != null) ? this.spec.nLabel() : "eligible answers") + " in " + this.spec.bars()
				+ (this.spec.bars() == 1 ? " bar" : " bars");
	}

	public String sourceLine() {
		String line = "Data: " + this.dataset.getTitle();
		if (this.dataset.getVersion() != null) {
			line += " · version " + this.dataset.getVersion();
		}
		if (this.dataset.getSourceUrl() != null) {
			line += " · " + this.dataset.getSourceUrl();
		}
		return line;
	}

	/** Set when the link was pinned to a version that is no longer the dataset's. */
	public String notice() {
		if (this.pinnedVersion == null || this.pinnedVersion.isBlank() || this.dataset.getVersion() == null
				|| this.pinnedVersion.equals(this.dataset.getVersion())) {
			return null;
		}
		return "The data has changed since version " + this.pinnedVersion + "; this is version "
				+ this.dataset.getVersion() + ".";
	}

	ChartDrawing.Caption caption() {
		return new ChartDrawing.Caption(this.title, ruleLine(), nLine(), sourceLine(), notice());
	}

	public List<Row> rows() {
		List<Row> rows = new ArrayList<>();
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
