package org.misalignment.dashboard.web.compare;

import java.util.List;
import java.util.TreeSet;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.Comparison;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.cells.CellCounts;

import org.springframework.stereotype.Component;

/**
 * Counts both slices in the database and compares them: the one computation behind the
 * compare page and API. The comparison is paired when both slices hold the same models
 * (e.g. one group under two conditions); when a slice names a question variant, questions
 * are matched by stem (quick_buck with quick_buck_json).
 */
@Component
public class Comparisons {

	private final CellCounts cellCounts;

	private final DatasetNames names;

	public Comparisons(CellCounts cellCounts, DatasetNames names) {
		this.cellCounts = cellCounts;
		this.names = names;
	}

	/**
	 * @param modelsA each model's overall rate on side A ({@link Rates#byModelOverall});
	 * B likewise
	 */
	public record Result(Slice a, Slice b, boolean paired, boolean byStem, List<Comparison.Row> rows,
			List<RateRow> modelsA, List<RateRow> modelsB) {

		/** The per-question rows, without the overall one. */
		public List<Comparison.Row> questions() {
			return this.rows.subList(0, this.rows.size() - 1);
		}

		public Comparison.Row overall() {
			return this.rows.get(this.rows.size() - 1);
		}

		/** How the difference's interval was made, in words. */
		public String method() {
			return this.paired
					? "Paired: the same models on both sides; models that lack enough eligible answers on either side are left out of both, and the difference's 95% interval is a bootstrap over models of each model's own difference."
					: "Unpaired: different models on each side; the difference's 95% interval is an independent bootstrap of each side's models (with a single model on a side, the two Wilson intervals are combined).";
		}

	}

	/**
	 * Compares the two slices; throws {@link IllegalArgumentException} when either names
	 * a group, model, condition, question or category the dataset does not hold.
	 */
	public Result compare(Dataset dataset, Slice a, Slice b, String questions, Rule rule) {
		return compare(dataset.getId(), dataset.getSlug(), a, b, questions, rule);
	}

	public Result compare(long datasetId, String slug, Slice a, Slice b, String questions, Rule rule) {
		DatasetNames.Names known = this.names.of(datasetId, slug);
		check(known, "a", a, questions);
		check(known, "b", b, questions);
		boolean byStem = a.variant() != null || b.variant() != null;
		List<Cell> cellsA = count(datasetId, a, questions, rule, byStem);
		List<Cell> cellsB = count(datasetId, b, questions, rule, byStem);
		boolean paired = !cellsA.isEmpty() && models(cellsA).equals(models(cellsB));
		return new Result(a, b, paired, byStem,
				Comparison.compare(cellsA, cellsB, paired, rule, this.names.questionOrder(datasetId)),
				Rates.byModelOverall(cellsA, rule), Rates.byModelOverall(cellsB, rule));
	}

	/**
	 * Whether the dataset holds everything these slices name (groups, models, conditions,
	 * questions, and the question variants they compare): a preset is offered only then.
	 */
	public static boolean offers(DatasetNames.Names known, List<String> slices, String questions) {
		try {
			for (String text : slices) {
				Slice slice = Slice.parse("slice", text);
				check(known, "slice", slice, questions);
			}
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void check(DatasetNames.Names known, String name, Slice slice, String questions) {
		slice.groups().forEach((group) -> known.group(name, group));
		slice.models().forEach((model) -> known.model(name, model));
		known.condition(name, slice.condition());
		known.variant(name, slice.variant());
		known.questions(name, QuestionSet.parse((slice.questions() != null) ? slice.questions() : questions));
	}

	private List<Cell> count(long datasetId, Slice slice, String questions, Rule rule, boolean byStem) {
		QuestionSet set = QuestionSet.parse((slice.questions() != null) ? slice.questions() : questions);
		return this.cellCounts.count(datasetId, rule, set, slice.condition(), slice.groups(), slice.models(),
				slice.variant(), byStem);
	}

	private static TreeSet<String> models(List<Cell> cells) {
		TreeSet<String> models = new TreeSet<>();
		cells.forEach((cell) -> models.add(cell.model()));
		return models;
	}

}
