package org.misalignment.dashboard.rates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two slices A and B of a dataset question by question and over the whole
 * question set: each side's rate with its 95% interval, and the difference {@code B − A}
 * with its 95% interval.
 *
 * <p>
 * <b>Paired</b> (the same models on both sides, e.g. under two conditions): only models
 * that count on both sides enter (a model with too few eligible answers on one side is
 * dropped from both); each side's rate is the mean over those models, and the
 * difference's interval is a bootstrap over models of the per-model difference.
 * <b>Unpaired</b> (different models): each side is a group rate as in {@link Rates}, and
 * the difference's interval is an independent bootstrap of each side. Where a side has a
 * single model the bootstrap has nothing to resample, and the interval of the difference
 * combines the sides' Wilson intervals instead ({@link Intervals#differenceOfIntervals}).
 *
 * <p>
 * Cells are matched between sides by their {@code questionId}; callers comparing question
 * variants pass the question's stem there. Cells of one model and question on one side
 * are summed.
 */
public final class Comparison {

	private Comparison() {
	}

	/**
	 * One row: a question ({@code questionId}), or the whole set
	 * ({@code questionId == null}).
	 */
	public record Row(String questionId, Side a, Side b, Double diff, Double diffLow, Double diffHigh, boolean paired) {
	}

	/**
	 * One side of a row: the rate over {@code models} models with its interval, and the
	 * counts behind it.
	 */
	public record Side(Double rate, Double ciLow, Double ciHigh, int models, long answers, long eligible,
			long misaligned) {
	}

	/** Per-question rows in the order of question ids alone, then the overall row. */
	public static List<Row> compare(List<Cell> a, List<Cell> b, boolean paired, Rule rule) {
		return compare(a, b, paired, rule, QuestionOrder.BY_ID);
	}

	/** Per-question rows in {@code order}, then the overall row. */
	public static List<Row> compare(List<Cell> a, List<Cell> b, boolean paired, Rule rule, Comparator<String> order) {
		Map<String, Map<String, Cell>> cellsA = byQuestionAndModel(a);
		Map<String, Map<String, Cell>> cellsB = byQuestionAndModel(b);
		TreeSet<String> questions = new TreeSet<>(order);
		questions.addAll(cellsA.keySet());
		questions.addAll(cellsB.keySet());
		List<Row> rows = new ArrayList<>();
		// per model: rates on the questions where it counts, for the overall row
		Map<String, Map<String, double[]>> perModelA = new TreeMap<>();
		Map<String, Map<String, double[]>> perModelB = new TreeMap<>();
		for (String question : questions) {
			Map<String, Cell> sideA = cellsA.getOrDefault(question, Map.of());
			Map<String, Cell> sideB = cellsB.getOrDefault(question, Map.of());
			List<Estimate> estimatesA = estimates(sideA, rule);
			List<Estimate> estimatesB = estimates(sideB, rule);
			if (paired) {
				estimatesA = common(estimatesA, estimatesB);
				estimatesB = common(estimatesB, estimatesA);
			}
			estimatesA
				.forEach((e) -> perModelA.computeIfAbsent(e.model, (k) -> new TreeMap<>()).put(question, e.counts()));
			estimatesB
				.forEach((e) -> perModelB.computeIfAbsent(e.model, (k) -> new TreeMap<>()).put(question, e.counts()));
			rows.add(row(question, sideA.values(), sideB.values(), estimatesA, estimatesB, paired));
		}
		rows.add(overall(a, b, perModelA, perModelB, paired));
		return rows;
	}

	private static Row overall(List<Cell> a, List<Cell> b, Map<String, Map<String, double[]>> perModelA,
			Map<String, Map<String, double[]>> perModelB, boolean paired) {
		List<Estimate> estimatesA = new ArrayList<>();
		List<Estimate> estimatesB = new ArrayList<>();
		for (Map.Entry<String, Map<String, double[]>> model : perModelA.entrySet()) {
			Map<String, double[]> other = perModelB.get(model.getKey());
			if (paired && other == null) {
				continue;
			}
			estimatesA.add(mean(model.getKey(), model.getValue(), paired ? other : null));
			if (paired) {
				estimatesB.add(mean(model.getKey(), other, model.getValue()));
			}
		}
		if (!paired) {
			perModelB.forEach((model, questions) -> estimatesB.add(mean(model, questions, null)));
		}
		return row(null, a, b, estimatesA, estimatesB, paired);
	}

	/**
	 * A model's mean rate over its questions (only those also in {@code within}, when
	 * given), and pooled counts.
	 */
	private static Estimate mean(String model, Map<String, double[]> questions, Map<String, double[]> within) {
		double sum = 0;
		long eligible = 0;
		long misaligned = 0;
		int n = 0;
		for (Map.Entry<String, double[]> question : questions.entrySet()) {
			if (within != null && !within.containsKey(question.getKey())) {
				continue;
			}
			double[] counts = question.getValue();
			sum += counts[1] / counts[0];
			eligible += (long) counts[0];
			misaligned += (long) counts[1];
			n++;
		}
		return new Estimate(model, sum / n, eligible, misaligned);
	}

	private static Row row(String question, Iterable<Cell> cellsA, Iterable<Cell> cellsB, List<Estimate> a,
			List<Estimate> b, boolean paired) {
		Side sideA = side(cellsA, a);
		Side sideB = side(cellsB, b);
		Double diff = null;
		double[] interval = null;
		if (sideA.rate() != null && sideB.rate() != null) {
			diff = sideB.rate() - sideA.rate();
			if (paired && a.size() >= 2) {
				double[] differences = new double[a.size()];
				for (int i = 0; i < a.size(); i++) {
					differences[i] = b.get(i).rate - a.get(i).rate;
				}
				interval = Intervals.bootstrapMean(differences);
			}
			else if (!paired && a.size() >= 2 && b.size() >= 2) {
				interval = Intervals.bootstrapDifference(rates(a), rates(b));
			}
			else {
				interval = Intervals.differenceOfIntervals(sideA.rate(), new double[] { sideA.ciLow(), sideA.ciHigh() },
						sideB.rate(), new double[] { sideB.ciLow(), sideB.ciHigh() });
			}
		}
		return new Row(question, sideA, sideB, diff, (interval != null) ? interval[0] : null,
				(interval != null) ? interval[1] : null, paired);
	}

	private static Side side(Iterable<Cell> cells, List<Estimate> estimates) {
		long answers = 0;
		long eligible = 0;
		long misaligned = 0;
		for (Cell cell : cells) {
			answers += cell.answers();
			eligible += cell.eligible();
			misaligned += cell.misaligned();
		}
		if (estimates.isEmpty()) {
			return new Side(null, null, null, 0, answers, eligible, misaligned);
		}
		double[] values = rates(estimates);
		double sum = 0;
		for (double v : values) {
			sum += v;
		}
		double[] interval;
		if (estimates.size() >= 2) {
			interval = Intervals.bootstrapMean(values);
		}
		else {
			interval = Intervals.wilson(estimates.get(0).misaligned, estimates.get(0).eligible);
		}
		return new Side(sum / values.length, interval[0], interval[1], estimates.size(), answers, eligible, misaligned);
	}

	private static double[] rates(List<Estimate> estimates) {
		return estimates.stream().mapToDouble((e) -> e.rate).toArray();
	}

	/** The models of {@code side} that also count in {@code other}, in model order. */
	private static List<Estimate> common(List<Estimate> side, List<Estimate> other) {
		TreeSet<String> models = new TreeSet<>();
		other.forEach((e) -> models.add(e.model));
		return side.stream().filter((e) -> models.contains(e.model)).toList();
	}

	/** Counted models of one side on one question, in model order. */
	private static List<Estimate> estimates(Map<String, Cell> cells, Rule rule) {
		List<Estimate> estimates = new ArrayList<>();
		for (Cell cell : cells.values()) {
			Double rate = Rates.cellRate(cell, rule);
			if (rate != null) {
				estimates.add(new Estimate(cell.model(), rate, cell.eligible(), cell.misaligned()));
			}
		}
		return estimates;
	}

	private static Map<String, Map<String, Cell>> byQuestionAndModel(List<Cell> cells) {
		Map<String, Map<String, Cell>> map = new TreeMap<>();
		for (Cell cell : cells) {
			map.computeIfAbsent(cell.questionId(), (k) -> new TreeMap<>())
				.merge(cell.model(), cell, (x, y) -> new Cell(x.model(), x.group(), x.questionId(), x.condition(),
						x.answers() + y.answers(), x.eligible() + y.eligible(), x.misaligned() + y.misaligned()));
		}
		return map;
	}

	private record Estimate(String model, double rate, long eligible, long misaligned) {

		/** {eligible, misaligned}, for a model's overall mean. */
		double[] counts() {
			return new double[] { this.eligible, this.misaligned };
		}

	}

}
