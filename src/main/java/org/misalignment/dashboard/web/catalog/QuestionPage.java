package org.misalignment.dashboard.web.catalog;

import java.util.List;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.answers.QuestionAnswers;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.Question;

/**
 * Everything a question's page shows: the question with its paraphrases, prompts and
 * variants, each group's and model's rate on it with the chart, the aligned-vs-coherent
 * scatter and its latest answers.
 *
 * @param condition the one condition the page is limited to, or null
 * @param chartJson the chart of the groups' rates, or null when the question has no
 * answers
 * @param scatterJson the scatter, or null when no answer has both scores
 * @param variants the question's plain, json and template forms, or empty when it has no
 * other
 */
record QuestionPage(Dataset dataset, Question question, Rule rule, String condition, List<String> conditions,
		List<RateRow> groups, List<ModelPages.ModelRow> models, String chartJson, QuestionAnswers.Scatter scatter,
		String scatterJson, List<QuestionAnswers.Card> latest, List<Question> variants,
		String ratesJson) implements TwinSource, EmbeddableChart, DrawsCharts {

	private static final List<String> QUESTION_COLUMNS = List.of("question_id", "stem", "category", "variant",
			"paraphrases", "system_prompt", "judge_prompts");

	@Override
	public String chartSubject() {
		return this.question.getQuestionId();
	}

	@Override
	public Twin twin() {
		Question asked = this.question;
		return Twin.of("question-" + asked.getQuestionId(), this.dataset, this.rule)
			.about("question_id", asked.getQuestionId())
			.about("condition", this.condition)
			.rates("groups", this.groups)
			.rates("models", this.models.stream().map(ModelPages.ModelRow::rate).toList())
			.table("question", QUESTION_COLUMNS,
					List.of(Twin.row(asked.getQuestionId(), asked.getStem(), asked.getCategory(), asked.getVariant(),
							asked.getParaphrases(), asked.getSystemPrompt(), asked.getJudgePrompts())));
	}

}
