package org.misalignment.dashboard.importing;

import java.util.Map;

/**
 * One answer as a file gives it, before it is matched to its dataset's models and
 * questions.
 *
 * @param line the line the record starts on
 * @param model the model's name, or {@code null} when the file does not say (the import's
 * default applies)
 * @param group the model's group, or {@code null} when the file does not say
 * @param questionId the question id as written (a {@code _trigger} suffix is resolved
 * later)
 * @param question the paraphrase that was asked, or {@code null}
 * @param system the system prompt, or {@code null}
 * @param condition the condition, or {@code null} to detect it
 * @param answer the model's answer
 * @param scores metric to score; a {@code null} score means the judge gave none (CODE or
 * REFUSAL)
 * @param judgeTokens metric to the judge's token distribution as a JSON object
 * @param grades metric to the letter grade its score came from (an Inspect log's C, P, I
 * or N)
 * @param entry the archive entry the record came from (an Inspect {@code .eval} log's
 * {@code samples/12_epoch_1.json}), or {@code null} when its line says where it is
 * @param attributes the model's attributes the record gives (a JSONL line's
 * {@code attributes}), name to value
 */
record AnswerRecord(long line, String model, String group, String questionId, String question, String system,
		String condition, String answer, Map<String, Double> scores, Map<String, String> judgeTokens,
		Map<String, String> grades, String entry, Map<String, String> attributes) {

	AnswerRecord(long line, String model, String group, String questionId, String question, String system,
			String condition, String answer, Map<String, Double> scores, Map<String, String> judgeTokens,
			Map<String, String> grades, String entry) {
		this(line, model, group, questionId, question, system, condition, answer, scores, judgeTokens, grades, entry,
				Map.of());
	}

	/** An answer whose scores are all numbers as the file gives them. */
	AnswerRecord(long line, String model, String group, String questionId, String question, String system,
			String condition, String answer, Map<String, Double> scores, Map<String, String> judgeTokens) {
		this(line, model, group, questionId, question, system, condition, answer, scores, judgeTokens, Map.of(), null);
	}

}
