package org.misalignment.dashboard.web.api;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;

/**
 * What {@code /api/v1/datasets/{slug}/rates} answers: the parameters it counted with and
 * one row per group or model, per question or over the question set.
 *
 * @param condition the one condition counted, or null for every condition
 */
record RatesResponse(DatasetBrief dataset, RuleJson rule, String by, String per, String questions, String condition,
		List<Rate> rows) {

	/**
	 * One rate row. {@code model} is there only for rows by model, {@code question_id}
	 * only for rows per question, {@code models} only for rows by group; the rest comes
	 * from the same {@link RateRow} as a twin's rate table.
	 *
	 * @param ciMethod how the interval was made: bootstrap (a group of two or more
	 * models), wilson, or null with no rate
	 */
	record Rate(String group, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> model,
			@JsonProperty("question_id") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> questionId,
			String condition, long answers, long eligible, long misaligned, Double rate,
			@JsonProperty("ci_low") Double ciLow, @JsonProperty("ci_high") Double ciHigh,
			@JsonProperty("ci_method") String ciMethod,
			@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> models, int questions) {

		static Rate of(RateRow row, boolean byModel, boolean perQuestion) {
			String method = (row.rate() == null) ? null : (!byModel && row.models() >= 2) ? "bootstrap" : "wilson";
			return new Rate(row.group(), byModel ? Optional.of(row.model()) : Optional.empty(),
					perQuestion ? Optional.of(row.questionId()) : Optional.empty(), row.condition(), row.answers(),
					row.eligible(), row.misaligned(), row.rate(), row.ciLow(), row.ciHigh(), method,
					byModel ? Optional.empty() : Optional.of(row.models()), row.questions());
		}

	}

}
