package org.misalignment.dashboard.web.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.Question;

/**
 * Everything the questions page shows: every question by category with its answers and
 * each group's rate on it.
 *
 * @param condition the one condition the page is limited to, or null
 * @param columns the table's columns, one per group and condition
 * @param categories the questions of each category, in reading order, each with one rate
 * per column
 * @param rates the rows the table's cells are taken from, per group and question, in the
 * order they were counted
 */
record QuestionsPage(Dataset dataset, Rule rule, String condition, List<String> conditions,
		List<QuestionPages.Column> columns, Map<String, List<QuestionPages.QuestionLine>> categories,
		List<RateRow> rates, String ratesJson) implements TwinSource {

	private static final List<String> QUESTION_COLUMNS = List.of("question_id", "category", "variant", "paraphrase",
			"answers");

	@Override
	public Twin twin() {
		List<List<Object>> listed = new ArrayList<>();
		this.categories.values().forEach((lines) -> lines.forEach((line) -> {
			Question question = line.question();
			listed.add(Twin.row(question.getQuestionId(), question.getCategory(), question.getVariant(),
					question.getParaphrases().isEmpty() ? null : question.getParaphrases().get(0), line.answers()));
		}));
		return Twin.of("questions", this.dataset, this.rule)
			.about("condition", this.condition)
			.table("questions", QUESTION_COLUMNS, listed)
			.rates("rates", this.rates);
	}

}
