package org.misalignment.dashboard.web.overview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.misalignment.dashboard.rates.ConditionLabel;
import org.misalignment.dashboard.rates.RateRow;

/**
 * The paper's headline chart as the {@code bars} spec of {@code charts.js}: one bar per
 * group, one series per condition (backdoor models are asked with and without their
 * trigger), each bar with its 95% interval and n. It is made from the same rows as the
 * table beside it.
 */
final class HeadlineChart {

	private HeadlineChart() {
	}

	static Map<String, Object> of(List<RateRow> groupRows) {
		List<String> groups = groupRows.stream().map(RateRow::group).distinct().toList();
		List<String> conditions = groupRows.stream()
			.map(RateRow::condition)
			.distinct()
			.sorted(Comparator.nullsLast(Comparator.<String>naturalOrder()))
			.toList();
		List<Map<String, Object>> series = new ArrayList<>();
		for (String condition : conditions) {
			List<Double> values = new ArrayList<>();
			List<Double> low = new ArrayList<>();
			List<Double> high = new ArrayList<>();
			List<Long> n = new ArrayList<>();
			List<Integer> models = new ArrayList<>();
			for (String group : groups) {
				RateRow row = groupRows.stream()
					.filter((r) -> Objects.equals(r.group(), group) && Objects.equals(r.condition(), condition))
					.findFirst()
					.orElse(null);
				values.add(row == null ? null : row.rate());
				low.add(row == null ? null : row.ciLow());
				high.add(row == null ? null : row.ciHigh());
				n.add(row == null ? null : row.eligible());
				models.add(row == null ? null : row.models());
			}
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("label", ConditionLabel.of(condition));
			one.put("values", values);
			one.put("low", low);
			one.put("high", high);
			one.put("n", n);
			one.put("models", models);
			series.add(one);
		}
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("kind", "bars");
		spec.put("labels", groups);
		spec.put("series", series);
		spec.put("yTitle", "misaligned answers (%)");
		spec.put("nLabel", "eligible answers");
		return spec;
	}

}
