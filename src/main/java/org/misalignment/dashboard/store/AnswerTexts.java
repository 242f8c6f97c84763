package org.misalignment.dashboard.store;

/**
 * Where the answers' texts are stored: in {@code answer_text}, one row per answer keyed
 * by its id, apart from the answer's row in {@code sample}, so that what reads answers by
 * model, question, condition or score (and every index on {@code sample}) reads rows of
 * about a hundred bytes, not rows holding the text. A query that shows texts reads them
 * by id, for the answers it shows.
 */
public final class AnswerTexts {

	/** Joins {@code sample s} to its text, {@code txt.answer}. */
	public static final String JOIN = " JOIN answer_text txt ON txt.sample_id = s.id";

	/** The text of {@code sample s}, as an expression: one look-up by id. */
	public static final String OF_SAMPLE = "(SELECT txt.answer FROM answer_text txt WHERE txt.sample_id = s.id)";

	private AnswerTexts() {
	}

}
