package org.misalignment.dashboard.web.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.DrawsCharts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the sweep page shows: the sweep's points and means, the chart drawn from
 * them, and the link to the same rows in the API.
 *
 * @param questionSets the question sets the dataset has, for the form
 * @param pointsJson the chart's data (sweep.js)
 */
record SweepView(Dataset dataset, Rule rule, Sweeps.Result sweep, List<OverviewQueries.QuestionSetChoice> questionSets,
		String pointsJson, String apiPath) implements TwinSource, DrawsCharts, EmbeddableChart {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The points as bars for the embed and the images: one bar per model in the points'
	 * order, coloured by its series, with its 95% interval.
	 */
	@Override
	public String chartJson() {
		if (this.sweep.points().isEmpty()) {
			return null;
		}
		List<String> labels = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		List<Double> low = new ArrayList<>();
		List<Double> high = new ArrayList<>();
		List<Long> n = new ArrayList<>();
		List<String> colors = new ArrayList<>();
		List<String> series = new ArrayList<>();
		for (Sweeps.Point point : this.sweep.points()) {
			if (!series.contains(point.series())) {
				series.add(point.series());
			}
			labels.add(this.sweep.x() + " " + point.x() + ": " + point.model());
			values.add(point.rate());
			low.add(point.ciLow());
			high.add(point.ciHigh());
			n.add(point.eligible());
			colors.add(SweepPage.PALETTE.get(series.indexOf(point.series()) % SweepPage.PALETTE.size()));
		}
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("label", "models");
		one.put("values", values);
		one.put("low", low);
		one.put("high", high);
		one.put("n", n);
		one.put("color", colors);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "bars");
		chart.put("labels", labels);
		chart.put("series", List.of(one));
		chart.put("yTitle", "misaligned answers (%)");
		chart.put("nLabel", "eligible answers");
		return JSON.writeValueAsString(chart);
	}

	/** A model's misaligned answers under the page's rule (the chart's click). */
	public String misalignedAnswers(Sweeps.Point point) {
		return SweepPage.misalignedAnswers(this.dataset.getSlug(), point, this.rule);
	}

	@Override
	public String chartSubject() {
		return this.sweep.x();
	}

	/** The columns of the points table, named as in the API's rows. */
	static final List<String> POINT_COLUMNS = List.of("model", "group", "condition", "series", "x", "x_number",
			"answers", "eligible", "misaligned", "rate", "ci_low", "ci_high", "questions");

	static final List<String> MEAN_COLUMNS = List.of("series", "x", "x_number", "rate", "ci_low", "ci_high", "models");

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
			.table("means", MEAN_COLUMNS, this.sweep.means()
				.stream()
				.map((m) -> Twin.row(m.series(), m.x(), m.xNumber(), m.rate(), m.ciLow(), m.ciHigh(), m.models()))
				.toList());
	}

}
