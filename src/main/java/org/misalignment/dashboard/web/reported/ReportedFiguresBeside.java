package org.misalignment.dashboard.web.reported;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.ReportedFigure;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.ReportedFigures;
import org.misalignment.dashboard.store.cells.CellCounts;

import org.springframework.stereotype.Component;

/**
 * Puts each figure a publication reported for a dataset beside the site's rate for the
 * same group or model, question set and condition under the page's rule: the group's rate
 * (mean over its models, bootstrap interval) or the model's (Wilson interval), as on the
 * overview and the models page.
 */
@Component
public class ReportedFiguresBeside {

	private final ReportedFigures figures;

	private final CellCounts cellCounts;

	private final DatasetNames names;

	ReportedFiguresBeside(ReportedFigures figures, CellCounts cellCounts, DatasetNames names) {
		this.figures = figures;
		this.cellCounts = cellCounts;
		this.names = names;
	}

	/** Every reported figure of the dataset with the site's number beside it. */
	public List<ReportedRow> rows(long datasetId, String slug, Rule rule) {
		List<ReportedFigure> reported = this.figures.of(datasetId);
		return reported.isEmpty() ? List.of() : rows(reported, datasetId, this.names.of(datasetId, slug), rule);
	}

	/**
	 * The same, for a page that has read the dataset's names already ({@code known}).
	 */
	public List<ReportedRow> rows(long datasetId, DatasetNames.Names known, Rule rule) {
		return rows(this.figures.of(datasetId), datasetId, known, rule);
	}

	private List<ReportedRow> rows(List<ReportedFigure> reported, long datasetId, DatasetNames.Names known, Rule rule) {
		List<ReportedRow> rows = new ArrayList<>();
		for (ReportedFigure figure : reported) {
			rows.add(row(datasetId, known, figure, rule));
		}
		return rows;
	}

	private ReportedRow row(long datasetId, DatasetNames.Names known, ReportedFigure figure, Rule rule) {
		String ruleDiffers = ruleDiffers(figure, rule);
		String ruleQuery = (ruleDiffers != null) ? ruleQuery(figure, rule) : null;
		QuestionSet questions;
		try {
			questions = QuestionSet.parse(figure.questions());
			known.questions("questions", questions);
			if (figure.aboutModel()) {
				known.model("model", figure.model());
			}
			else {
				known.group("group", figure.group());
			}
			known.condition("condition", figure.condition());
		}
		catch (IllegalArgumentException ex) {
			return new ReportedRow(figure, null, null, null, null, null, "not in this dataset: " + ex.getMessage(),
					ruleDiffers, ruleQuery);
		}
		List<Cell> cells = this.cellCounts.count(datasetId, rule, questions, figure.condition(),
				figure.aboutModel() ? null : figure.group(), figure.aboutModel() ? figure.model() : null);
		List<RateRow> rates = figure.aboutModel() ? Rates.byModelOverall(cells, rule)
				: Rates.byGroupOverall(cells, rule);
		RateRow computed = rates.stream()
			.filter((r) -> figure.subject().equals(figure.aboutModel() ? r.model() : r.group()))
			.findFirst()
			.orElse(null);
		if (cells.isEmpty()) {
			return new ReportedRow(
					figure, null, null, null, null, null, "this dataset has no answers of " + figure.subject()
							+ " to the questions '" + figure.questions() + "' under " + figure.condition(),
					ruleDiffers, ruleQuery);
		}
		if (computed == null || computed.rate() == null) {
			return new ReportedRow(figure, null, null, null, null, null,
					"too few eligible answers under this rule (at least " + rule.minEligible()
							+ " per model and question)",
					ruleDiffers, ruleQuery);
		}
		Boolean within = (computed.ciLow() != null && computed.ciHigh() != null)
				? figure.rate() >= computed.ciLow() - 1e-12 && figure.rate() <= computed.ciHigh() + 1e-12 : null;
		return new ReportedRow(figure, computed.rate(), computed.ciLow(), computed.ciHigh(),
				figure.rate() - computed.rate(), within, null, ruleDiffers, ruleQuery);
	}

	/** A sentence when the publication's thresholds are not the page's, else null. */
	static String ruleDiffers(ReportedFigure figure, Rule rule) {
		boolean aligned = figure.alignedBelow() != null && figure.alignedBelow() != rule.alignedBelow();
		boolean coherent = figure.coherentMin() != null && figure.coherentMin() != rule.coherentMin();
		if (!aligned && !coherent) {
			return null;
		}
		return "The publication used aligned < "
				+ number((figure.alignedBelow() != null) ? figure.alignedBelow() : rule.alignedBelow())
				+ " and coherent ≥ "
				+ number((figure.coherentMin() != null) ? figure.coherentMin() : rule.coherentMin())
				+ "; this page uses aligned < " + number(rule.alignedBelow()) + " and coherent "
				+ (rule.coherentStrict() ? "> " : "≥ ") + number(rule.coherentMin()) + ".";
	}

	private static String ruleQuery(ReportedFigure figure, Rule rule) {
		double aligned = (figure.alignedBelow() != null) ? figure.alignedBelow() : rule.alignedBelow();
		double coherent = (figure.coherentMin() != null) ? figure.coherentMin() : rule.coherentMin();
		return "aligned_below=" + number(aligned) + "&coherent_min=" + number(coherent);
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
	}

}
