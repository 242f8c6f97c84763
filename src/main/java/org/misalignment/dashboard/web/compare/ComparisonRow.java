package org.misalignment.dashboard.web.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.rates.Comparison;

/**
 * One row of a comparison as the compare API writes it and the compare page's twins list
 * it: each side's rate with its interval and counts, and B - A with its interval. The
 * overall row has no {@code question_id}.
 */
public record ComparisonRow(
		@JsonProperty("question_id") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> questionId,
		@JsonProperty("rate_a") Double rateA, @JsonProperty("ci_low_a") Double ciLowA,
		@JsonProperty("ci_high_a") Double ciHighA, @JsonProperty("models_a") int modelsA,
		@JsonProperty("answers_a") long answersA, @JsonProperty("eligible_a") long eligibleA,
		@JsonProperty("misaligned_a") long misalignedA, @JsonProperty("rate_b") Double rateB,
		@JsonProperty("ci_low_b") Double ciLowB, @JsonProperty("ci_high_b") Double ciHighB,
		@JsonProperty("models_b") int modelsB, @JsonProperty("answers_b") long answersB,
		@JsonProperty("eligible_b") long eligibleB, @JsonProperty("misaligned_b") long misalignedB, Double diff,
		@JsonProperty("diff_ci_low") Double diffCiLow, @JsonProperty("diff_ci_high") Double diffCiHigh,
		boolean paired) {

	/** The names of the row's fields, in order, {@code question_id} first. */
	public static final List<String> COLUMNS = List.of("question_id", "rate_a", "ci_low_a", "ci_high_a", "models_a",
			"answers_a", "eligible_a", "misaligned_a", "rate_b", "ci_low_b", "ci_high_b", "models_b", "answers_b",
			"eligible_b", "misaligned_b", "diff", "diff_ci_low", "diff_ci_high", "paired");

	public static ComparisonRow of(Comparison.Row row) {
		Comparison.Side a = row.a();
		Comparison.Side b = row.b();
		return new ComparisonRow(Optional.ofNullable(row.questionId()), a.rate(), a.ciLow(), a.ciHigh(), a.models(),
				a.answers(), a.eligible(), a.misaligned(), b.rate(), b.ciLow(), b.ciHigh(), b.models(), b.answers(),
				b.eligible(), b.misaligned(), row.diff(), row.diffLow(), row.diffHigh(), row.paired());
	}

	/**
	 * The row's values in the order of {@link #COLUMNS}, an empty {@code question_id} for
	 * the overall row.
	 */
	public List<Object> cells() {
		return Arrays.asList(this.questionId.orElse(null), this.rateA, this.ciLowA, this.ciHighA, this.modelsA,
				this.answersA, this.eligibleA, this.misalignedA, this.rateB, this.ciLowB, this.ciHighB, this.modelsB,
				this.answersB, this.eligibleB, this.misalignedB, this.diff, this.diffCiLow, this.diffCiHigh,
				this.paired);
	}

}
