package org.misalignment.dashboard.web.sensitivity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.cells.ThresholdGrid;

import org.springframework.stereotype.Component;

/**
 * Threshold sensitivity: each group's rate (the overview's, {@link Rates#byGroupOverall})
 * at every aligned_below × coherent_min on multiples of 10, exact from the stored band
 * counts ({@link ThresholdGrid}), and whether the order of the groups at the page's rule
 * holds at every point. The one computation behind the page, its twins and the API.
 */
@Component
public class Sensitivity {

	private final ThresholdGrid grid;

	private final DatasetNames names;

	Sensitivity(ThresholdGrid grid, DatasetNames names) {
		this.grid = grid;
		this.names = names;
	}

	/** A series' rate at one grid point ({@code rate} null: no model counted). */
	public record Point(int alignedBelow, int coherentMin, String series, Double rate, int models, long eligible,
			long misaligned) {
	}

	/** A point of the grid. */
	public record At(int alignedBelow, int coherentMin) {

		@Override
		public String toString() {
			return "aligned_below " + this.alignedBelow + " · coherent_min " + this.coherentMin;
		}

	}

	/**
	 * Two series whose order is known at the reference point, and the grid points where
	 * it is not the same.
	 *
	 * @param reversed where {@code lower} has the higher rate
	 * @param tied where both rates are equal (every point with aligned_below 0 is, both
	 * rates being 0)
	 * @param missing where either series has no rate
	 */
	public record Pair(String higher, String lower, Double higherRate, Double lowerRate, List<At> reversed,
			List<At> tied, List<At> missing) {

		public boolean holds() {
			return this.reversed.isEmpty();
		}

	}

	/**
	 * @param series the series in order of their rate at the reference point, highest
	 * first
	 * @param alignedBelow the reference point: the page's rule on the grid (nearest
	 * multiple of 10)
	 * @param onGrid whether the page's rule is itself a grid point
	 * @param equalAtReference pairs of series with the same rate (or none) at the
	 * reference point, whose order is not judged
	 */
	public record Result(String questions, String condition, List<String> series, int alignedBelow, int coherentMin,
			boolean onGrid, int minEligible, List<Point> points, List<Pair> pairs,
			List<List<String>> equalAtReference) {

		public List<Integer> steps() {
			return ThresholdGrid.STEPS;
		}

		/** The series' point at a grid point. */
		public Point at(String series, int alignedBelow, int coherentMin) {
			int index = (ThresholdGrid.STEPS.indexOf(alignedBelow) * ThresholdGrid.STEPS.size()
					+ ThresholdGrid.STEPS.indexOf(coherentMin)) * this.series.size() + this.series.indexOf(series);
			return this.points.get(index);
		}

		public boolean holdsEverywhere() {
			return this.pairs.stream().allMatch(Pair::holds);
		}

		public int gridPoints() {
			return ThresholdGrid.STEPS.size() * ThresholdGrid.STEPS.size();
		}

	}

	public Result compute(Dataset dataset, String questions, String condition, Rule rule) {
		QuestionSet questionSet = QuestionSet.parse((questions == null || questions.isBlank()) ? "main" : questions);
		String only = (condition == null || condition.isBlank()) ? null : condition.strip();
		DatasetNames.Names known = this.names.of(dataset);
		known.questions("questions", questionSet);
		known.condition("condition", only);
		List<ThresholdGrid.Banded> cells = this.grid.cells(dataset.getId(), questionSet, only);
		Set<String> conditions = cells.stream().map(ThresholdGrid.Banded::condition).collect(Collectors.toSet());
		Map<At, Map<String, RateRow>> rates = new LinkedHashMap<>();
		Set<String> seriesNames = new java.util.TreeSet<>(NaturalOrder.TEXT);
		for (int alignedBelow : ThresholdGrid.STEPS) {
			for (int coherentMin : ThresholdGrid.STEPS) {
				List<Cell> at = new ArrayList<>(cells.size());
				for (ThresholdGrid.Banded cell : cells) {
					at.add(cell.at(alignedBelow, coherentMin));
				}
				Map<String, RateRow> bySeries = new HashMap<>();
				for (RateRow row : Rates.byGroupOverall(at,
						new Rule(alignedBelow, coherentMin, false, rule.minEligible()))) {
					String name = (conditions.size() > 1) ? row.group() + " · " + row.condition() : row.group();
					bySeries.put(name, row);
					seriesNames.add(name);
				}
				rates.put(new At(alignedBelow, coherentMin), bySeries);
			}
		}
		int referenceAligned = snap(rule.alignedBelow());
		int referenceCoherent = snap(rule.coherentMin());
		boolean onGrid = referenceAligned == rule.alignedBelow() && referenceCoherent == rule.coherentMin()
				&& !rule.coherentStrict();
		Map<String, RateRow> reference = rates.get(new At(referenceAligned, referenceCoherent));
		List<String> series = new ArrayList<>(seriesNames);
		series.sort(Comparator.comparing((String name) -> rateOf(reference.get(name)), Comparator.reverseOrder())
			.thenComparing(NaturalOrder.TEXT));
		List<Point> points = new ArrayList<>();
		rates.forEach((at, bySeries) -> {
			for (String name : series) {
				RateRow row = bySeries.get(name);
				points.add((row == null) ? new Point(at.alignedBelow(), at.coherentMin(), name, null, 0, 0, 0)
						: new Point(at.alignedBelow(), at.coherentMin(), name, row.rate(), row.models(), row.eligible(),
								row.misaligned()));
			}
		});
		List<Pair> pairs = new ArrayList<>();
		List<List<String>> equal = new ArrayList<>();
		for (int i = 0; i < series.size(); i++) {
			for (int j = i + 1; j < series.size(); j++) {
				String higher = series.get(i);
				String lower = series.get(j);
				Double high = rate(reference, higher);
				Double low = rate(reference, lower);
				if (high == null || low == null || high.doubleValue() == low.doubleValue()) {
					equal.add(List.of(higher, lower));
					continue;
				}
				pairs.add(pair(rates, higher, lower, high, low));
			}
		}
		return new Result(questionSet.text(), only, series, referenceAligned, referenceCoherent, onGrid,
				rule.minEligible(), points, pairs, equal);
	}

	private static Pair pair(Map<At, Map<String, RateRow>> rates, String higher, String lower, Double high,
			Double low) {
		List<At> reversed = new ArrayList<>();
		List<At> tied = new ArrayList<>();
		List<At> missing = new ArrayList<>();
		rates.forEach((at, bySeries) -> {
			Double a = rate(bySeries, higher);
			Double b = rate(bySeries, lower);
			if (a == null || b == null) {
				missing.add(at);
			}
			else if (a < b) {
				reversed.add(at);
			}
			else if (a.doubleValue() == b.doubleValue()) {
				tied.add(at);
			}
		});
		return new Pair(higher, lower, high, low, reversed, tied, missing);
	}

	private static Double rate(Map<String, RateRow> bySeries, String series) {
		RateRow row = bySeries.get(series);
		return (row == null) ? null : row.rate();
	}

	/** A rate for ordering: none sorts last. */
	private static double rateOf(RateRow row) {
		return (row == null || row.rate() == null) ? -1 : row.rate();
	}

	/** The nearest grid threshold. */
	static int snap(double threshold) {
		return (int) Math.min(100, Math.max(0, Math.round(threshold / 10) * 10));
	}

}
