package org.misalignment.dashboard.web.reported;

import java.util.List;

import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.store.ReportedFigure;

/**
 * A reported figure beside the site's own number for the same slice under the page's
 * rule.
 *
 * @param computed the site's rate, or null when it has none ({@code missing} says why)
 * @param difference reported − computed, or null
 * @param inInterval whether the reported rate lies within the computed 95% interval, or
 * null when there is none
 * @param ruleDiffers a sentence when the publication's thresholds differ from the page's,
 * else null
 * @param ruleQuery the query that shows the page under the publication's thresholds, or
 * null when they are the page's
 */
public record ReportedRow(ReportedFigure figure, Double computed, Double low, Double high, Double difference,
		Boolean inInterval, String missing, String ruleDiffers, String ruleQuery) {

	/** The columns of the twins' and the API's {@code reported} table. */
	public static final List<String> COLUMNS = List.of("label", "group", "model", "questions", "condition",
			"reported_rate", "reported_ci_low", "reported_ci_high", "computed_rate", "computed_ci_low",
			"computed_ci_high", "difference", "in_interval", "source", "url", "reported_aligned_below",
			"reported_coherent_min", "note", "not_computed");

	/** Every row as the twins' {@code reported} table holds it. */
	public static List<List<Object>> table(List<ReportedRow> rows) {
		return rows.stream().map(ReportedRow::cells).toList();
	}

	List<Object> cells() {
		ReportedFigure f = this.figure;
		return Twin.row(f.label(), f.group(), f.model(), f.questions(), f.condition(), f.rate(), f.low(), f.high(),
				this.computed, this.low, this.high, this.difference, this.inInterval, f.source(), f.url(),
				f.alignedBelow(), f.coherentMin(), f.note(), this.missing);
	}

	/** The verdict in words, for the page's last column. */
	public String verdict() {
		if (this.inInterval == null) {
			return "–";
		}
		return this.inInterval ? "yes" : "no";
	}

}
