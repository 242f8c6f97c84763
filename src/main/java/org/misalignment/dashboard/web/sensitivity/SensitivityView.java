package org.misalignment.dashboard.web.sensitivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.web.overview.RateShade;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the sensitivity page shows: the grid of rates, the verdict on the order of
 * the groups, the curves at the page's coherent_min, and the link to the same rows in the
 * API.
 *
 * @param questionSets the question sets the dataset has, for the form
 */
record SensitivityView(Dataset dataset, Rule rule, Sensitivity.Result sensitivity,
		List<OverviewQueries.QuestionSetChoice> questionSets,
		String apiPath) implements TwinSource, EmbeddableChart, DrawsCharts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> PALETTE = List.of("#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997",
			"#6c757d", "#d63384");

	static final List<String> POINT_COLUMNS = List.of("series", "aligned_below", "coherent_min", "rate", "models",
			"eligible", "misaligned");

	static final List<String> PAIR_COLUMNS = List.of("higher", "lower", "higher_rate", "lower_rate", "holds",
			"reversed_at", "tied_at", "no_rate_at");

	/** The CSS class of a rate's shade in the heatmaps (the overview's matrix's). */
	public String shade(Double rate) {
		return RateShade.of(rate);
	}

	public List<RateShade.Step> legend() {
		return RateShade.legend();
	}

	/** The grid points in words, joined (for the template). */
	public String places(List<Sensitivity.At> points) {
		return words(points);
	}

	/** The grid points in words, joined. */
	public static String words(List<Sensitivity.At> points) {
		return points.stream().map(Sensitivity.At::toString).collect(Collectors.joining("; "));
	}

	/**
	 * The curves for sensitivity.js: per series its colour and its rate (percent) at each
	 * aligned_below, at the reference coherent_min.
	 */
	public String curvesJson() {
		List<Object> series = new ArrayList<>();
		for (int i = 0; i < this.sensitivity.series().size(); i++) {
			String name = this.sensitivity.series().get(i);
			List<Object> points = new ArrayList<>();
			for (int alignedBelow : this.sensitivity.steps()) {
				Sensitivity.Point point = this.sensitivity.at(name, alignedBelow, this.sensitivity.coherentMin());
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("x", alignedBelow);
				shown.put("y", (point.rate() != null) ? point.rate() * 100 : null);
				points.add(shown);
			}
			series.add(Map.of("name", name, "color", PALETTE.get(i % PALETTE.size()), "points", points));
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("coherentMin", this.sensitivity.coherentMin());
		chart.put("alignedBelow", this.sensitivity.alignedBelow());
		chart.put("series", series);
		return JSON.writeValueAsString(chart);
	}

	/**
	 * The curves as bars for the embed and the images: one bar per series at each
	 * aligned_below.
	 */
	@Override
	public String chartJson() {
		if (this.sensitivity.series().isEmpty()) {
			return null;
		}
		List<Object> series = new ArrayList<>();
		for (int i = 0; i < this.sensitivity.series().size(); i++) {
			String name = this.sensitivity.series().get(i);
			List<Double> values = new ArrayList<>();
			List<Long> n = new ArrayList<>();
			for (int alignedBelow : this.sensitivity.steps()) {
				Sensitivity.Point point = this.sensitivity.at(name, alignedBelow, this.sensitivity.coherentMin());
				values.add(point.rate());
				n.add((point.rate() != null) ? point.eligible() : null);
			}
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("label", name);
			one.put("values", values);
			one.put("n", n);
			one.put("color", PALETTE.get(i % PALETTE.size()));
			series.add(one);
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "bars");
		chart.put("labels", this.sensitivity.steps().stream().map((step) -> "aligned < " + step).toList());
		chart.put("series", series);
		chart.put("yTitle", "misaligned answers (%)");
		chart.put("nLabel", "eligible answers");
		return JSON.writeValueAsString(chart);
	}

	@Override
	public String chartSubject() {
		return "coherent ≥ " + this.sensitivity.coherentMin() + ", " + this.sensitivity.questions() + " questions";
	}

	@Override
	public Twin twin() {
		return Twin.of("sensitivity", this.dataset, this.rule)
			.about("questions", this.sensitivity.questions())
			.about("condition", this.sensitivity.condition())
			.about("grid", this.sensitivity.steps())
			.about("exact", true)
			.about("reference_aligned_below", this.sensitivity.alignedBelow())
			.about("reference_coherent_min", this.sensitivity.coherentMin())
			.about("order_holds", this.sensitivity.holdsEverywhere())
			.table("grid", POINT_COLUMNS,
					this.sensitivity.points()
						.stream()
						.map((p) -> Twin.row(p.series(), p.alignedBelow(), p.coherentMin(), p.rate(), p.models(),
								p.eligible(), p.misaligned()))
						.toList())
			.table("pairs", PAIR_COLUMNS,
					this.sensitivity.pairs()
						.stream()
						.map((p) -> Twin.row(p.higher(), p.lower(), p.higherRate(), p.lowerRate(), p.holds(),
								words(p.reversed()), words(p.tied()), words(p.missing())))
						.toList());
	}

}
