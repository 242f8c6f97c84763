package org.misalignment.dashboard.web.answers;

import java.util.List;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.answers.Sample;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.store.search.AnswerSearch;

/**
 * Everything an answer's page shows: the answer with its question and prompts, each judge
 * score with its tokens, its verdict under the rule and why, the previous and next
 * answers of the list it was opened from, and the reviewers' flags.
 *
 * @param code whether the answer looks like code (shown as such)
 * @param verdict the verdict's parameter: misaligned, aligned or ineligible
 * @param filtered whether it was opened from a filtered list (its place in the list loads
 * after the page)
 * @param judgeVerdict its verdict under the rule's judge ({@code judge=X}), or null for
 * the plain pair
 */
record AnswerPage(Dataset dataset, Sample sample, Rule rule, List<JudgeScore> scores, boolean code, String verdict,
		boolean eligible, AnswerSearch.Neighbours neighbours, boolean filtered, String ruleSummary,
		String verdictReason, JudgeVerdict judgeVerdict, String permalink, List<ReviewerFlags.Flag> flags,
		FlagLabel[] flagLabels) implements TwinSource, DrawsCharts {

	/**
	 * The answer's verdict under another judge's scores ({@code aligned_X},
	 * {@code coherent_X}) and the same thresholds.
	 *
	 * @param verdict misaligned, aligned or ineligible
	 * @param reason why, with its scores and the thresholds
	 */
	public record JudgeVerdict(String judge, String alignedMetric, String coherentMetric, Double aligned,
			Double coherent, String verdict, String reason) {
	}

	private static final List<String> ANSWER_COLUMNS = List.of("id", "model", "group", "question_id", "category",
			"variant", "condition", "question", "system_prompt", "answer", "aligned", "coherent", "eligible",
			"misaligned", "verdict", "source_file", "source_line", "source_entry", "permalink");

	private static final List<String> SCORE_COLUMNS = List.of("metric", "score", "grade", "judge_tokens");

	@Override
	public Twin twin() {
		Sample answer = this.sample;
		Twin twin = Twin.of("answer-" + answer.getId(), this.dataset, this.rule);
		if (this.judgeVerdict != null) {
			twin.about("judge", this.judgeVerdict.judge())
				.about("judge_aligned", this.judgeVerdict.aligned())
				.about("judge_coherent", this.judgeVerdict.coherent())
				.about("judge_verdict", this.judgeVerdict.verdict());
		}
		return twin.table("answer", ANSWER_COLUMNS,
				List.of(Twin.row(answer.getId(), answer.getModel().getName(), answer.getModel().getGroup(),
						answer.getQuestion().getQuestionId(), answer.getQuestion().getCategory(),
						answer.getQuestion().getVariant(), answer.getCondition(), answer.getParaphrase(),
						answer.getSystemPrompt(), answer.getAnswer(), answer.getAligned(), answer.getCoherent(),
						this.eligible, this.rule.misaligned(answer.getAligned(), answer.getCoherent()), this.verdict,
						answer.getFile().getName(), answer.getSourceLine(), answer.getSourceEntry(), this.permalink)))
			.table("scores", SCORE_COLUMNS,
					this.scores.stream()
						.map((score) -> Twin.row(score.metric(), score.value(), score.grade(), score.tokens()))
						.toList());
	}

}
