package org.misalignment.dashboard.web.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.render.json.DatasetBrief;

/**
 * A page of {@code /api/v1/datasets/{slug}/samples}: answers with their scores, in id
 * order.
 *
 * @param next the cursor of the following page, or null on the last
 */
record SamplesResponse(DatasetBrief dataset, List<Row> rows, String next) {

	/**
	 * An answer with its scores by metric, and the letter grades (C, P, I, N) those of an
	 * Inspect log came from, by metric.
	 */
	record Row(long id, String model, String group, @JsonProperty("question_id") String questionId, String condition,
			String answer, Map<String, Double> scores, Map<String, String> grades) {
	}

}
