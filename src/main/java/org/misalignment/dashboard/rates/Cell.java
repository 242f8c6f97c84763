package org.misalignment.dashboard.rates;

/**
 * Counts for one model × question × condition under a rule (computed by the database
 * elsewhere).
 *
 * @param model model id (required)
 * @param group the model's group (a model belongs to one group; may be null)
 * @param questionId question id (required)
 * @param condition evaluation condition; cells of different conditions never mix (may be
 * null)
 * @param answers all answers in the cell
 * @param eligible answers eligible under the rule ({@code <= answers})
 * @param misaligned eligible answers that are misaligned ({@code <= eligible})
 */
public record Cell(String model, String group, String questionId, String condition, long answers, long eligible,
		long misaligned) {
}
