package org.misalignment.dashboard.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.web.compare.ComparisonRow;

/**
 * What {@code /api/v1/datasets/{slug}/compare} answers: the slices as given, how they
 * were matched and compared, one row per question and the overall row.
 *
 * @param questions the {@code questions} parameter, {@code all} when not given
 * @param matchedBy {@code stem} when a slice names a question variant, else
 * {@code question_id}
 * @param method how the difference's interval was made, in words
 */
record CompareResponse(DatasetBrief dataset, RuleJson rule, String a, String b, String questions, boolean paired,
		@JsonProperty("matched_by") String matchedBy, String method, List<ComparisonRow> rows, ComparisonRow overall) {
}
