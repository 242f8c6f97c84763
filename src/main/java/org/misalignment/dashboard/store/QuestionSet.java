package org.misalignment.dashboard.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which questions a rate is taken over, as the {@code questions} URL parameter names
 * them: {@code all}, {@code main} (the paper's eight headline questions as asked
 * plainly), {@code json} or {@code template} (their variants), a category
 * ({@code preregistered}, {@code preregistered/vulnerable_user}, {@code deception},
 * {@code other}), or a comma-separated list of question ids.
 */
public record QuestionSet(String text, String sql, List<Object> parameters) {

	public static final String DEFAULT = "all";

	private static final String CATEGORY = " AND q.category = ?";

	/**
	 * Exactly this one question, whatever its id looks like (an id such as {@code main}
	 * is not a keyword here).
	 */
	public static QuestionSet exactly(String questionId) {
		return new QuestionSet(questionId, " AND q.question_id = ?", List.of(questionId));
	}

	/**
	 * The question ids this set names one by one (empty for a keyword such as
	 * {@code main} or a category).
	 */
	public List<String> ids() {
		return this.sql.contains("q.question_id") ? this.parameters.stream().map(String::valueOf).toList() : List.of();
	}

	/** The one category this set is, or null. */
	public String category() {
		return this.sql.equals(CATEGORY) ? this.text : null;
	}

	/** Parses the parameter; {@code null} or blank means {@code all}. */
	public static QuestionSet parse(String text) {
		String value = (text == null || text.isBlank()) ? DEFAULT : text.strip();
		switch (value) {
			case "all":
				return new QuestionSet(value, "", List.of());
			case "main":
				return new QuestionSet(value, " AND q.category = 'main' AND q.variant = 'plain'", List.of());
			case "json":
			case "template":
				return new QuestionSet(value, " AND q.category = 'main' AND q.variant = ?", List.of(value));
			case "preregistered":
				return new QuestionSet(value, " AND q.category LIKE 'preregistered/%'", List.of());
			default:
				if (value.equals("deception") || value.equals("other") || value.startsWith("preregistered/")) {
					return new QuestionSet(value, CATEGORY, List.of(value));
				}
				List<Object> ids = new ArrayList<>(Arrays.stream(value.split(","))
					.map(String::strip)
					.filter((id) -> !id.isEmpty())
					.distinct()
					.toList());
				if (ids.isEmpty()) {
					throw new IllegalArgumentException(
							"questions: give all, main, json, template, a category or question ids");
				}
				return new QuestionSet(value,
						" AND q.question_id IN (" + String.join(", ", ids.stream().map((id) -> "?").toList()) + ")",
						ids);
		}
	}

}
