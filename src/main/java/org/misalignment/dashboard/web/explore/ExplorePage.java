package org.misalignment.dashboard.web.explore;

import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.ExploreAnswers.Answer;
import org.misalignment.dashboard.store.answers.ExploreAnswers.Question;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * Everything the explorer shows: the question and group picked (and what else could be
 * picked), one answer of their shuffled misaligned (or all) answers with its scores, the
 * links that move through them, and each group's rate on the question.
 *
 * @param view what is picked, the seed and the position, and the URL that shows it again
 * @param count the answers there are to read; {@code allCount} counts every answer when
 * none is misaligned
 * @param answer the answer at the position, or null past the end
 * @param pastTheEnd whether the position is after the last answer
 * @param previousUrl the answer before, or null at the first; {@code anotherUrl} the one
 * after, or null at the last
 * @param groupUrls the explorer on each row of {@code groupRows}, in the same order
 */
record ExplorePage(Dataset dataset, Rule rule, ExploreView view, Question question,
		Map<String, List<Question>> questionsByCategory, List<String> groups, List<String> conditions,
		List<String> models, long count, Answer answer, List<AnswerScores.Score> scores, boolean misaligned,
		boolean eligible, boolean pastTheEnd, long allCount, String previousUrl, String anotherUrl, String shuffleUrl,
		String firstUrl, String everyAnswerUrl, String misalignedOnlyUrl, String anyModelUrl,
		Map<String, String> modelUrls, List<RateRow> groupRows, List<String> groupUrls) implements TwinSource {

	private static final List<String> ANSWER_COLUMNS = List.of("n", "id", "model", "group", "condition", "question",
			"system_prompt", "answer", "aligned", "coherent", "misaligned");

	@Override
	public Twin twin() {
		Answer shown = this.answer;
		return Twin.of("explore", this.dataset, this.rule)
			.about("question_id", this.view.question())
			.about("group", this.view.group())
			.about("condition", this.view.condition())
			.about("model", this.view.model())
			.about("verdict", this.view.everyAnswer() ? "all" : "misaligned")
			.about("seed", this.view.seed())
			.about("n", this.view.position())
			.about("count", this.count)
			.table("answer", ANSWER_COLUMNS,
					(shown == null) ? List.of()
							: List.of(Twin.row(this.view.position(), shown.id(), shown.model(), shown.group(),
									shown.condition(), shown.question(), shown.systemPrompt(), shown.text(),
									shown.aligned(), shown.coherent(), this.misaligned)))
			.rates("groups", this.groupRows);
	}

}
