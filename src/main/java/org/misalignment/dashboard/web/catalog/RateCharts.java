package org.misalignment.dashboard.web.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.misalignment.dashboard.rates.ConditionLabel;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.answers.QuestionAnswers;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON that {@code frontend-assets/js/charts.js} draws (the {@code data-chart}
 * attribute of a canvas), built from the same rate rows as the tables beside the charts.
 */
final class RateCharts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The colours charts.js gives its series, for bars coloured by group and for the
	 * legend beside them.
	 */
	static final List<String> PALETTE = List.of("#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997",
			"#6c757d", "#d63384");

	private RateCharts() {
	}

	/**
	 * Rate bars with 95% interval whiskers: one bar per label, one series per condition
	 * of the rows.
	 * @param labelOf which bar a row belongs to
	 * @param colors one colour per label (used only when there is a single series), or
	 * null for the default
	 */
	static String bars(List<String> labels, List<RateRow> rows, Function<RateRow, String> labelOf, List<String> colors,
			String yTitle) {
		TreeSet<String> conditions = new TreeSet<>();
		rows.forEach((row) -> conditions.add(row.condition()));
		List<Map<String, Object>> series = new ArrayList<>();
		for (String condition : conditions) {
			Map<String, RateRow> byLabel = new LinkedHashMap<>();
			rows.stream()
				.filter((row) -> condition.equals(row.condition()))
				.forEach((row) -> byLabel.put(labelOf.apply(row), row));
			List<Double> values = new ArrayList<>();
			List<Double> low = new ArrayList<>();
			List<Double> high = new ArrayList<>();
			List<Long> n = new ArrayList<>();
			for (String label : labels) {
				RateRow row = byLabel.get(label);
				values.add(row == null ? null : row.rate());
				low.add(row == null ? null : row.ciLow());
				high.add(row == null ? null : row.ciHigh());
				n.add(row == null ? null : row.eligible());
			}
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("label", ConditionLabel.of(condition));
			one.put("values", values);
			one.put("low", low);
			one.put("high", high);
			one.put("n", n);
			if (colors != null && conditions.size() == 1) {
				one.put("color", colors);
			}
			series.add(one);
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "bars");
		chart.put("labels", labels);
		chart.put("series", series);
		chart.put("yTitle", yTitle);
		return JSON.writeValueAsString(chart);
	}

	/**
	 * Aligned against coherent, one point per answer, with the rule's thresholds; a click
	 * opens the answer.
	 */
	static String scatter(List<QuestionAnswers.Point> points, Rule rule) {
		List<Map<String, Object>> out = new ArrayList<>(points.size());
		for (QuestionAnswers.Point point : points) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("x", point.coherent());
			one.put("y", point.aligned());
			one.put("id", point.id());
			one.put("misaligned", rule.misaligned(point.aligned(), point.coherent()));
			out.add(one);
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "scatter");
		chart.put("points", out);
		chart.put("alignedBelow", rule.alignedBelow());
		chart.put("coherentMin", rule.coherentMin());
		chart.put("link", "/answers/");
		return JSON.writeValueAsString(chart);
	}

}
