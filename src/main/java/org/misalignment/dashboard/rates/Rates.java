package org.misalignment.dashboard.rates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rate tables from per-cell counts under a {@link Rule}.
 *
 * <ul>
 * <li>A model's rate on a question is misaligned / eligible, counted only with at least
 * {@link Rule#minEligible()} eligible answers.</li>
 * <li>A model's rate over questions is the mean of its counted per-question rates (not
 * pooled).</li>
 * <li>A group's rate is the mean of its counted models' rates, with a
 * percentile-bootstrap interval over those rates (in ascending model-name order) when at
 * least two models counted, or the Wilson interval of the single counted model's pooled
 * counted cells.</li>
 * </ul>
 *
 * <p>
 * Everything is computed per condition. The
 * {@code answers}/{@code eligible}/{@code misaligned} columns of every row are plain sums
 * over all cells of the row's slice, counted or not. Several cells with the same model,
 * question and condition are summed into one. Rows are sorted by group, model, question
 * id and condition ({@link NaturalOrder}: {@code backdoor-2} before {@code backdoor-10};
 * nulls last).
 */
public final class Rates {

	private static final Comparator<String> KEY = Comparator.nullsLast(NaturalOrder.TEXT);

	/** The order of every returned table: group, model, question id, condition. */
	public static final Comparator<RateRow> ROW_ORDER = Comparator.comparing(RateRow::group, KEY)
		.thenComparing(RateRow::model, KEY)
		.thenComparing(RateRow::questionId, KEY)
		.thenComparing(RateRow::condition, KEY);

	/**
	 * The rows sorted by group, model, question in {@code questions} (the site's
	 * {@link QuestionOrder}) and condition.
	 */
	public static List<RateRow> inQuestionOrder(List<RateRow> rows, Comparator<String> questions) {
		return rows.stream()
			.sorted(Comparator.comparing(RateRow::group, KEY)
				.thenComparing(RateRow::model, KEY)
				.thenComparing(RateRow::questionId, Comparator.nullsLast(questions))
				.thenComparing(RateRow::condition, KEY))
			.toList();
	}

	private static final Comparator<Cell> CELL_ORDER = Comparator.comparing(Cell::model, KEY)
		.thenComparing(Cell::questionId, KEY)
		.thenComparing(Cell::condition, KEY);

	private Rates() {
	}

	/**
	 * A cell's rate: misaligned / eligible when it has at least {@code minEligible}
	 * eligible answers, else null.
	 */
	public static Double cellRate(Cell cell, Rule rule) {
		if (cell.eligible() < rule.minEligible() || cell.eligible() == 0) {
			return null;
		}
		return (double) cell.misaligned() / cell.eligible();
	}

	/** One row per (model, question, condition). */
	public static List<RateRow> byModelPerQuestion(List<Cell> cells, Rule rule) {
		Objects.requireNonNull(rule, "rule");
		List<RateRow> rows = new ArrayList<>();
		for (Cell c : normalize(cells)) {
			Double rate = cellRate(c, rule);
			double[] ci = rate == null ? null : Intervals.wilson(c.misaligned(), c.eligible());
			int counted = rate == null ? 0 : 1;
			rows.add(new RateRow(c.group(), c.model(), c.questionId(), c.condition(), c.answers(), c.eligible(),
					c.misaligned(), rate, low(ci), high(ci), counted, counted));
		}
		rows.sort(ROW_ORDER);
		return rows;
	}

	/** One row per (model, condition): mean of the model's counted per-question rates. */
	public static List<RateRow> byModelOverall(List<Cell> cells, Rule rule) {
		Objects.requireNonNull(rule, "rule");
		List<RateRow> rows = new ArrayList<>();
		for (ModelOverall m : modelsOverall(normalize(cells), rule)) {
			double[] ci = m.rate == null ? null : Intervals.wilson(m.countedMisaligned, m.countedEligible);
			rows.add(new RateRow(m.group, m.model, null, m.condition, m.answers, m.eligible, m.misaligned, m.rate,
					low(ci), high(ci), m.rate == null ? 0 : 1, m.questions.size()));
		}
		rows.sort(ROW_ORDER);
		return rows;
	}

	/**
	 * One row per (group, question, condition): mean over the group's counted models of
	 * their rate on the question.
	 */
	public static List<RateRow> byGroupPerQuestion(List<Cell> cells, Rule rule) {
		Objects.requireNonNull(rule, "rule");
		Map<GroupQuestionKey, List<Cell>> slices = new LinkedHashMap<>();
		for (Cell c : normalize(cells)) {
			slices
				.computeIfAbsent(new GroupQuestionKey(c.group(), c.questionId(), c.condition()), k -> new ArrayList<>())
				.add(c);
		}
		List<RateRow> rows = new ArrayList<>();
		for (Map.Entry<GroupQuestionKey, List<Cell>> e : slices.entrySet()) {
			GroupQuestionKey key = e.getKey();
			long answers = 0, eligible = 0, misaligned = 0;
			long countedEligible = 0, countedMisaligned = 0;
			List<Double> modelRates = new ArrayList<>(); // cells are in model order
			for (Cell c : e.getValue()) {
				answers += c.answers();
				eligible += c.eligible();
				misaligned += c.misaligned();
				Double rate = cellRate(c, rule);
				if (rate != null) {
					modelRates.add(rate);
					countedEligible += c.eligible();
					countedMisaligned += c.misaligned();
				}
			}
			Double rate = mean(modelRates);
			double[] ci = groupInterval(modelRates, countedMisaligned, countedEligible);
			rows.add(new RateRow(key.group, null, key.questionId, key.condition, answers, eligible, misaligned, rate,
					low(ci), high(ci), modelRates.size(), rate == null ? 0 : 1));
		}
		rows.sort(ROW_ORDER);
		return rows;
	}

	/**
	 * One row per (group, condition): mean over the group's counted models of their
	 * overall rate.
	 */
	public static List<RateRow> byGroupOverall(List<Cell> cells, Rule rule) {
		Objects.requireNonNull(rule, "rule");
		Map<GroupKey, List<ModelOverall>> slices = new LinkedHashMap<>();
		for (ModelOverall m : modelsOverall(normalize(cells), rule)) { // in model order
			slices.computeIfAbsent(new GroupKey(m.group, m.condition), k -> new ArrayList<>()).add(m);
		}
		List<RateRow> rows = new ArrayList<>();
		for (Map.Entry<GroupKey, List<ModelOverall>> e : slices.entrySet()) {
			GroupKey key = e.getKey();
			long answers = 0, eligible = 0, misaligned = 0;
			long countedEligible = 0, countedMisaligned = 0;
			List<Double> modelRates = new ArrayList<>();
			TreeSet<String> questions = new TreeSet<>();
			for (ModelOverall m : e.getValue()) {
				answers += m.answers;
				eligible += m.eligible;
				misaligned += m.misaligned;
				if (m.rate != null) {
					modelRates.add(m.rate);
					countedEligible += m.countedEligible;
					countedMisaligned += m.countedMisaligned;
					questions.addAll(m.questions);
				}
			}
			Double rate = mean(modelRates);
			double[] ci = groupInterval(modelRates, countedMisaligned, countedEligible);
			rows.add(new RateRow(key.group, null, null, key.condition, answers, eligible, misaligned, rate, low(ci),
					high(ci), modelRates.size(), questions.size()));
		}
		rows.sort(ROW_ORDER);
		return rows;
	}

	// ---------------------------------------------------------------------------------------------

	private record CellKey(String model, String questionId, String condition) {
	}

	private record ModelKey(String model, String condition) {
	}

	private record GroupQuestionKey(String group, String questionId, String condition) {
	}

	private record GroupKey(String group, String condition) {
	}

	/** A model's result over all its questions on one condition. */
	private static final class ModelOverall {

		String model;

		String group;

		String condition;

		long answers;

		long eligible;

		long misaligned;

		long countedEligible;

		long countedMisaligned;

		final List<Double> questionRates = new ArrayList<>();

		final TreeSet<String> questions = new TreeSet<>();

		Double rate;

	}

	/** Per (model, condition), in model order then condition order. */
	private static List<ModelOverall> modelsOverall(List<Cell> cells, Rule rule) {
		Map<ModelKey, ModelOverall> byModel = new LinkedHashMap<>();
		for (Cell c : cells) {
			ModelOverall m = byModel.computeIfAbsent(new ModelKey(c.model(), c.condition()), k -> {
				ModelOverall created = new ModelOverall();
				created.model = c.model();
				created.group = c.group();
				created.condition = c.condition();
				return created;
			});
			m.answers += c.answers();
			m.eligible += c.eligible();
			m.misaligned += c.misaligned();
			Double rate = cellRate(c, rule);
			if (rate != null) {
				m.questionRates.add(rate);
				m.questions.add(c.questionId());
				m.countedEligible += c.eligible();
				m.countedMisaligned += c.misaligned();
			}
		}
		List<ModelOverall> result = new ArrayList<>(byModel.values());
		for (ModelOverall m : result) {
			m.rate = mean(m.questionRates);
		}
		result.sort(Comparator.comparing((ModelOverall m) -> m.model, KEY).thenComparing(m -> m.condition, KEY));
		return result;
	}

	/**
	 * Checks the cells, sums cells that share model, question and condition, and returns
	 * them sorted by model, question and condition.
	 */
	private static List<Cell> normalize(List<Cell> cells) {
		Objects.requireNonNull(cells, "cells");
		Map<CellKey, Cell> merged = new LinkedHashMap<>();
		for (Cell c : cells) {
			check(c);
			merged.merge(new CellKey(c.model(), c.questionId(), c.condition()), c,
					(a, b) -> new Cell(a.model(), a.group() != null ? a.group() : b.group(), a.questionId(),
							a.condition(), a.answers() + b.answers(), a.eligible() + b.eligible(),
							a.misaligned() + b.misaligned()));
		}
		List<Cell> result = new ArrayList<>(merged.values());
		result.sort(CELL_ORDER);
		return result;
	}

	private static void check(Cell c) {
		if (c == null) {
			throw new IllegalArgumentException("cells must not contain null");
		}
		if (c.model() == null) {
			throw new IllegalArgumentException("cell has no model: " + c);
		}
		if (c.questionId() == null) {
			throw new IllegalArgumentException("cell has no question id: " + c);
		}
		if (c.misaligned() < 0 || c.eligible() < c.misaligned() || c.answers() < c.eligible()) {
			throw new IllegalArgumentException("cell counts must satisfy 0 <= misaligned <= eligible <= answers: " + c);
		}
	}

	private static double[] groupInterval(List<Double> modelRates, long countedMisaligned, long countedEligible) {
		if (modelRates.isEmpty()) {
			return null;
		}
		if (modelRates.size() == 1) {
			return Intervals.wilson(countedMisaligned, countedEligible);
		}
		double[] values = new double[modelRates.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = modelRates.get(i);
		}
		return Intervals.bootstrapMean(values);
	}

	private static Double mean(List<Double> values) {
		if (values.isEmpty()) {
			return null;
		}
		double sum = 0;
		for (double v : values) {
			sum += v;
		}
		return sum / values.size();
	}

	private static Double low(double[] ci) {
		return ci == null ? null : ci[0];
	}

	private static Double high(double[] ci) {
		return ci == null ? null : ci[1];
	}

}
