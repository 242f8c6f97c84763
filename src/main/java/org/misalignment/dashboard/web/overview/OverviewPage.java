package org.misalignment.dashboard.web.overview;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetFile;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.web.reported.ReportedRow;

/**
 * Everything the overview of a dataset shows: the headline chart and its table
 * ({@code rows}), the question × group matrix, the rule, the question sets to choose from
 * and the dataset's provenance.
 *
 * @param answers the answers of every file of the dataset
 * @param questions the question set the rates are over ({@code main}, {@code all}, ids…)
 * @param reported figures publications reported, beside the site's numbers
 * @param judges the judges whose scores the dataset holds ({@code default} first)
 * @param ratesApi the rates API's URL for the chart and its table; {@code matrixApi} for
 * the matrix
 */
record OverviewPage(Dataset dataset, List<DatasetFile> files, long answers, OverviewQueries.Size size,
		List<RateRow> rows, String chartJson, RateMatrix matrix, List<RateShade.Step> legend, Rule rule,
		String questions, List<OverviewQueries.QuestionSetChoice> questionSets, String ratesApi, String matrixApi,
		boolean sourceIsLink, List<ReportedRow> reported, List<String> attributes,
		List<String> judges) implements TwinSource, EmbeddableChart, DrawsCharts {

	private static final List<String> MATRIX_COLUMNS = List.of("question_id", "question", "group", "condition",
			"answers", "eligible", "misaligned", "rate", "ci_low", "ci_high", "models");

	@Override
	public String chartSubject() {
		return this.questions;
	}

	/**
	 * The headline table and the matrix, one row per filled cell, in the page's order.
	 */
	@Override
	public Twin twin() {
		List<List<Object>> cells = new ArrayList<>();
		for (RateMatrix.Line line : this.matrix.lines()) {
			for (RateMatrix.Entry cell : line.cells()) {
				if (!cell.empty()) {
					RateRow row = cell.row();
					cells.add(Twin.row(line.questionId(), line.text(), row.group(), row.condition(), row.answers(),
							row.eligible(), row.misaligned(), row.rate(), row.ciLow(), row.ciHigh(), row.models()));
				}
			}
		}
		return Twin.of("overview", this.dataset, this.rule)
			.about("questions", this.questions)
			.about("judges", this.judges)
			.rates("groups", this.rows)
			.table("matrix", MATRIX_COLUMNS, cells)
			.table("reported", ReportedRow.COLUMNS, ReportedRow.table(this.reported));
	}

}
