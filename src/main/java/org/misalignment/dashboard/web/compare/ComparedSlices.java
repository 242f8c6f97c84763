package org.misalignment.dashboard.web.compare;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.rates.Comparison;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.answers.MatchedAnswers;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * Everything the compare page shows: the slices as written ({@code a}, {@code b},
 * {@code c}), the presets, and each comparison (B against A, then C against A) with its
 * charts and matched answers.
 *
 * @param menus the builder's menus and what they show selected
 * @param questions the {@code questions} parameter as given, or null
 * @param seed the seed of the matched answers' sample
 * @param comparisons the comparisons shown, none until A and B are both given
 */
record ComparedSlices(Dataset dataset, Rule rule, List<ComparePage.Preset> presets, SliceMenus menus, String a,
		String b, String c, long seed, boolean discordant, String questions, String otherAnswersUrl,
		String discordantUrl, List<ComparePage.Shown> comparisons) implements TwinSource, EmbeddableChart, DrawsCharts {

	private static final List<String> MATCHED_COLUMNS = List.of("a", "b", "question_id", "model", "id_a", "answer_a",
			"aligned_a", "coherent_a", "misaligned_a", "id_b", "answer_b", "aligned_b", "coherent_b", "misaligned_b");

	/** The grouped bars of the first comparison, B against A per question. */
	@Override
	public String chartJson() {
		return this.comparisons.isEmpty() ? null : this.comparisons.get(0).barsJson();
	}

	/** The first comparison's sides in words, as its chart's legend names them. */
	@Override
	public String chartSubject() {
		if (this.comparisons.isEmpty()) {
			return this.a + " vs " + this.b;
		}
		return this.comparisons.get(0).subject();
	}

	/**
	 * Every comparison's rows as the compare API names them, and the matched answers
	 * shown.
	 */
	@Override
	public Twin twin() {
		List<String> columns = new ArrayList<>(List.of("a", "b"));
		columns.addAll(ComparisonRow.COLUMNS);
		List<List<Object>> rows = new ArrayList<>();
		List<List<Object>> pairs = new ArrayList<>();
		for (ComparePage.Shown one : this.comparisons) {
			for (Comparison.Row row : one.result().rows()) {
				List<Object> cells = new ArrayList<>(List.of(one.labelA(), one.labelB()));
				cells.addAll(ComparisonRow.of(row).cells());
				rows.add(cells);
			}
			for (MatchedAnswers.Pair pair : one.pairs()) {
				pairs.add(Twin.row(one.labelA(), one.labelB(), one.question(), pair.model(), pair.a().id(),
						pair.a().answer(), pair.a().aligned(), pair.a().coherent(), pair.a().misaligned(),
						pair.b().id(), pair.b().answer(), pair.b().aligned(), pair.b().coherent(),
						pair.b().misaligned()));
			}
		}
		return Twin.of("compare", this.dataset, this.rule)
			.about("questions", (this.questions == null || this.questions.isBlank()) ? "all" : this.questions)
			.about("seed", this.seed)
			.table("comparison", columns, rows)
			.table("matched", MATCHED_COLUMNS, pairs);
	}

}
