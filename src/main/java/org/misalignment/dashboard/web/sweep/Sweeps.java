package org.misalignment.dashboard.web.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.Intervals;
import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.ModelAttributes;
import org.misalignment.dashboard.store.cells.CellCounts;

import org.springframework.stereotype.Component;

/**
 * A sweep: each model's overall rate (the models page's, {@link Rates#byModelOverall})
 * against one of its attributes, and per series (the model's group or another attribute)
 * the mean of its models' rates at each value. The one computation behind the sweep page,
 * its twins and the API.
 */
@Component
public class Sweeps {

	/** The series of a model that lacks the series attribute. */
	public static final String NO_VALUE = "(none)";

	private final CellCounts cellCounts;

	private final DatasetNames names;

	private final ModelAttributes attributes;

	Sweeps(CellCounts cellCounts, DatasetNames names, ModelAttributes attributes) {
		this.cellCounts = cellCounts;
		this.names = names;
		this.attributes = attributes;
	}

	/** One model's point: its rate at its value of x. */
	public record Point(String model, String group, String condition, String series, String x, Double xNumber,
			long answers, long eligible, long misaligned, Double rate, Double ciLow, Double ciHigh, int questions) {
	}

	/**
	 * A series' mean of its models' rates at one value of x ({@code rate} null: none),
	 * with its 95% interval: the percentile bootstrap of the mean over the models, or the
	 * one model's own Wilson interval (as a group's interval on the overview).
	 */
	public record Mean(String series, String x, Double xNumber, Double rate, Double ciLow, Double ciHigh, int models) {
	}

	/**
	 * @param numeric whether every value of x is a number (the points are then in numeric
	 * order, else in natural order of the labels)
	 * @param withoutX the models with answers that have no value of x
	 */
	public record Result(String x, String series, boolean numeric, boolean log, String questions, String condition,
			List<String> attributeNames, List<Point> points, List<Mean> means, List<String> withoutX) {
	}

	/** The names of the dataset's model attributes, sorted. */
	public List<String> attributeNames(Dataset dataset) {
		return this.attributes.names(dataset.getId());
	}

	/**
	 * @param x the attribute on the x axis
	 * @param series {@code group} or an attribute
	 * @param scale {@code linear} or {@code log} (only for numeric x above zero)
	 * @throws IllegalArgumentException naming the dataset's attributes for an unknown one
	 */
	public Result sweep(Dataset dataset, String x, String series, String scale, String questions, String condition,
			Rule rule) {
		List<String> known = this.attributes.names(dataset.getId());
		String seriesName = (series == null || series.isBlank()) ? "group" : series.strip();
		check("x", x, known, dataset);
		if (!seriesName.equals("group")) {
			check("series", seriesName, known, dataset);
		}
		boolean log = "log".equals(scale);
		if (scale != null && !scale.isBlank() && !log && !"linear".equals(scale)) {
			throw new IllegalArgumentException("scale must be linear or log, got '" + scale + "'");
		}
		QuestionSet questionSet = QuestionSet.parse((questions == null || questions.isBlank()) ? "main" : questions);
		String only = (condition == null || condition.isBlank()) ? null : condition.strip();
		DatasetNames.Names names = this.names.of(dataset);
		names.questions("questions", questionSet);
		names.condition("condition", only);

		Map<String, ModelAttributes.Attribute> xs = byModel(this.attributes.named(dataset.getId(), x));
		Map<String, ModelAttributes.Attribute> seriesValues = seriesName.equals("group") ? Map.of()
				: byModel(this.attributes.named(dataset.getId(), seriesName));
		boolean numeric = xs.values().stream().allMatch((value) -> value.number() != null);
		if (log && !(numeric && xs.values().stream().allMatch((value) -> value.number() > 0))) {
			throw new IllegalArgumentException(
					"scale=log needs every value of '" + x + "' to be a number above zero; use scale=linear");
		}
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, questionSet, only, null, null);
		List<RateRow> rows = Rates.byModelOverall(cells, rule);
		Set<String> conditions = rows.stream().map(RateRow::condition).collect(Collectors.toSet());
		List<Point> points = new ArrayList<>();
		List<String> withoutX = new ArrayList<>();
		for (RateRow row : rows) {
			ModelAttributes.Attribute value = xs.get(row.model());
			if (value == null) {
				if (!withoutX.contains(row.model())) {
					withoutX.add(row.model());
				}
				continue;
			}
			String seriesValue = seriesName.equals("group") ? row.group()
					: seriesValues.containsKey(row.model()) ? seriesValues.get(row.model()).value() : NO_VALUE;
			if (conditions.size() > 1) {
				seriesValue = seriesValue + " · " + row.condition();
			}
			points.add(new Point(row.model(), row.group(), row.condition(), seriesValue, value.value(),
					numeric ? value.number() : null, row.answers(), row.eligible(), row.misaligned(), row.rate(),
					row.ciLow(), row.ciHigh(), row.questions()));
		}
		Comparator<Point> byX = numeric ? Comparator.comparing(Point::xNumber)
				: Comparator.comparing(Point::x, NaturalOrder.TEXT);
		points.sort(byX.thenComparing(Point::series, NaturalOrder.TEXT).thenComparing(Point::model, NaturalOrder.TEXT));
		withoutX.sort(NaturalOrder.TEXT);
		return new Result(x, seriesName, numeric, log, questionSet.text(), only, known, points, means(points),
				withoutX);
	}

	/** Each series' mean at each x, over its models with a rate; in the points' order. */
	static List<Mean> means(List<Point> points) {
		Map<List<String>, List<Point>> groups = new LinkedHashMap<>();
		for (Point point : points) {
			groups.computeIfAbsent(List.of(point.series(), point.x()), (key) -> new ArrayList<>()).add(point);
		}
		List<Mean> means = new ArrayList<>();
		for (List<Point> at : groups.values()) {
			List<Point> counted = at.stream().filter((point) -> point.rate() != null).toList();
			double[] rates = counted.stream().mapToDouble(Point::rate).toArray();
			Double mean = (rates.length == 0) ? null : Arrays.stream(rates).sum() / rates.length;
			Double low = null;
			Double high = null;
			if (rates.length == 1) {
				low = counted.get(0).ciLow();
				high = counted.get(0).ciHigh();
			}
			else if (rates.length > 1) {
				double[] interval = Intervals.bootstrapMean(rates);
				low = interval[0];
				high = interval[1];
			}
			Point first = at.get(0);
			means.add(new Mean(first.series(), first.x(), first.xNumber(), mean, low, high, rates.length));
		}
		means.sort(Comparator.comparing(Mean::series, NaturalOrder.TEXT));
		return means;
	}

	private static Map<String, ModelAttributes.Attribute> byModel(List<ModelAttributes.Attribute> values) {
		Map<String, ModelAttributes.Attribute> byModel = new HashMap<>();
		for (ModelAttributes.Attribute value : values) {
			byModel.put(value.model(), value);
		}
		return byModel;
	}

	private static void check(String parameter, String name, List<String> known, Dataset dataset) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(parameter + " must name a model attribute; dataset " + dataset.getSlug()
					+ " has " + (known.isEmpty() ? "none" : String.join(", ", known)));
		}
		if (!known.contains(name)) {
			String shown = (name.length() > 100) ? name.substring(0, 100) + "…" : name;
			throw new IllegalArgumentException(parameter + ": no model attribute '" + shown + "' in dataset "
					+ dataset.getSlug() + "; it has " + (known.isEmpty() ? "none" : String.join(", ", known)));
		}
	}

}
