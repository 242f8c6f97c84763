package org.misalignment.dashboard.web.sweep;

import java.util.List;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.DrawsCharts;

/**
 * Everything the sweep page shows: the sweep's points and means, the chart drawn from
 * them, and the link to the same rows in the API.
 *
 * @param questionSets the question sets the dataset has, for the form
 * @param chartJson the chart's data (sweep.js)
 */
record SweepView(Dataset dataset, Rule rule, Sweeps.Result sweep, List<OverviewQueries.QuestionSetChoice> questionSets,
		String chartJson, String apiPath) implements TwinSource, DrawsCharts {

	/** The columns of the points table, named as in the API's rows. */
	static final List<String> POINT_COLUMNS = List.of("model", "group", "condition", "series", "x", "x_number",
			"answers", "eligible", "misaligned", "rate", "ci_low", "ci_high", "questions");

	static final List<String> MEAN_COLUMNS = List.of("series", "x", "x_number", "rate", "models");

	@Override
	public Twin twin() {
		return Twin.of("sweep-" + this.sweep.x(), this.dataset, this.rule)
			.about("x", this.sweep.x())
			.about("series", this.sweep.series())
			.about("scale", this.sweep.log() ? "log" : "linear")
			.about("numeric", this.sweep.numeric())
			.about("questions", this.sweep.questions())
			.about("condition", this.sweep.condition())
			.about("attributes", this.sweep.attributeNames())
			.about("without_x", this.sweep.withoutX())
			.table("points", POINT_COLUMNS, this.sweep.points()
				.stream()
				.map((p) -> Twin.row(p.model(), p.group(), p.condition(), p.series(), p.x(), p.xNumber(), p.answers(),
						p.eligible(), p.misaligned(), p.rate(), p.ciLow(), p.ciHigh(), p.questions()))
				.toList())
			.table("means", MEAN_COLUMNS,
					this.sweep.means()
						.stream()
						.map((m) -> Twin.row(m.series(), m.x(), m.xNumber(), m.rate(), m.models()))
						.toList());
	}

}
