package org.misalignment.dashboard.web.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import tools.jackson.databind.JsonNode;

/**
 * One answer in full, as {@code /api/v1/samples/{id}} gives it: its question, prompts,
 * scores, the judge's token distributions, its verdict under the default rule, its source
 * and the reviewers' current flags.
 *
 * @param question the paraphrase asked (also as {@code paraphrase}, its older name)
 * @param system the system prompt, or null
 * @param grades the letter grade (C, P, I, N) each score of an Inspect log came from, by
 * metric
 * @param judge each metric's token distribution, for the metrics that have one
 */
record SampleResponse(long id, DatasetBrief dataset, String model, String group,
		@JsonProperty("question_id") String questionId, String category, String variant, String condition,
		String question, String paraphrase, String system, String answer, Map<String, Double> scores,
		Map<String, String> grades, Map<String, JsonNode> judge, boolean eligible, boolean misaligned, Source source,
		List<Flag> flags) {

	/**
	 * The file and line the answer was imported from; {@code entry} is the archive entry
	 * of an Inspect {@code .eval} log (null for other files).
	 */
	record Source(String file, String sha256, int line, String entry) {
	}

	/** A reviewer's current flag on the answer. */
	record Flag(String label, String note, String reviewer, @JsonProperty("flagged_at") String flaggedAt) {

		static Flag of(ReviewerFlags.Flag flag) {
			return new Flag(flag.label(), flag.note(), flag.reviewer(), flag.flaggedAt().toString());
		}

	}

}
