package org.misalignment.dashboard.rates;

/**
 * One row of a rate table. Fields that do not apply are null ({@code model} for group
 * rows, {@code questionId} for overall rows).
 *
 * @param group the group (of the model, for model rows)
 * @param model the model, or null for group rows
 * @param questionId the question, or null for rows over all questions
 * @param condition the condition the row was computed on
 * @param answers sum of answers over all cells in the row's slice (counted or not)
 * @param eligible sum of eligible answers over all cells in the row's slice (counted or
 * not)
 * @param misaligned sum of misaligned answers over all cells in the row's slice (counted
 * or not)
 * @param rate the misalignment rate, or null when nothing counted
 * @param ciLow lower end of the 95% interval, or null
 * @param ciHigh upper end of the 95% interval, or null
 * @param models models whose rate entered {@code rate} (1 or 0 for model rows)
 * @param questions questions that entered {@code rate} (for per-question rows: 1 if
 * counted else 0)
 */
public record RateRow(String group, String model, String questionId, String condition, long answers, long eligible,
		long misaligned, Double rate, Double ciLow, Double ciHigh, int models, int questions) {
}
