package org.misalignment.dashboard.web.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /d/{slug}/sweep?x=ATTRIBUTE&series=group|ATTRIBUTE&scale=linear|log&questions=…}
 * plus the rule: each model's rate against one of its attributes, with its series' means.
 */
@Controller
class SweepPage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> PALETTE = List.of("#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997",
			"#6c757d", "#d63384");

	private final DatasetRepository datasets;

	private final Sweeps sweeps;

	private final OverviewQueries questionSets;

	SweepPage(DatasetRepository datasets, Sweeps sweeps, OverviewQueries questionSets) {
		this.datasets = datasets;
		this.sweeps = sweeps;
		this.questionSets = questionSets;
	}

	@GetMapping("/d/{slug}/sweep")
	String sweep(@PathVariable String slug, @RequestParam(required = false) String x,
			@RequestParam(required = false) String series, @RequestParam(required = false) String scale,
			@RequestParam(required = false) String questions, @RequestParam(required = false) String condition,
			Rule rule, ModelMap page) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		Sweeps.Result result = this.sweeps.sweep(dataset, x, series, scale, questions, condition, rule);
		SweepView shown = new SweepView(dataset, rule, result,
				this.questionSets.questionSets(dataset.getId(), result.questions()), chart(slug, result, rule),
				"/api/v1/datasets/" + slug + "/sweep");
		return PageRecords.show(page, shown, "sweep/sweep");
	}

	/**
	 * The chart's data for sweep.js: per series its colour, its points (each with the
	 * link to its model's misaligned answers) and its means with their intervals; rates
	 * in percent.
	 */
	static String chart(String slug, Sweeps.Result result, Rule rule) {
		Map<String, Map<String, Object>> series = new LinkedHashMap<>();
		for (Sweeps.Point point : result.points()) {
			Map<String, Object> one = series.computeIfAbsent(point.series(), (name) -> newSeries(name, series.size()));
			if (point.rate() != null) {
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("x", result.numeric() ? point.xNumber() : point.x());
				shown.put("y", point.rate() * 100);
				shown.put("low", point.ciLow() * 100);
				shown.put("high", point.ciHigh() * 100);
				shown.put("model", point.model());
				shown.put("href", misalignedAnswers(slug, point, rule));
				points(one, "points").add(shown);
			}
		}
		for (Sweeps.Mean mean : result.means()) {
			if (mean.rate() != null) {
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("x", result.numeric() ? mean.xNumber() : mean.x());
				shown.put("y", mean.rate() * 100);
				shown.put("low", (mean.ciLow() != null) ? mean.ciLow() * 100 : null);
				shown.put("high", (mean.ciHigh() != null) ? mean.ciHigh() * 100 : null);
				points(series.get(mean.series()), "means").add(shown);
			}
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("x", result.x());
		chart.put("numeric", result.numeric());
		chart.put("log", result.log());
		chart.put("labels",
				result.numeric() ? List.of() : result.points().stream().map(Sweeps.Point::x).distinct().toList());
		chart.put("series", new ArrayList<>(series.values()));
		return JSON.writeValueAsString(chart);
	}

	/**
	 * A model's misaligned answers under the page's rule, in the answers browser (as the
	 * overview links a cell's).
	 */
	static String misalignedAnswers(String slug, Sweeps.Point point, Rule rule) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("model", point.model());
		if (point.condition() != null) {
			query.put("condition", point.condition());
		}
		query.put("verdict", "misaligned");
		query.putAll(RuleParameters.changedQuery(rule));
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath("/d/" + slug + "/answers");
		query.keySet().forEach((name) -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(query).toUriString();
	}

	private static Map<String, Object> newSeries(String name, int index) {
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("name", name);
		one.put("color", PALETTE.get(index % PALETTE.size()));
		one.put("points", new ArrayList<>());
		one.put("means", new ArrayList<>());
		return one;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> points(Map<String, Object> series, String key) {
		return (List<Object>) series.get(key);
	}

}
