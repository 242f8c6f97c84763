package org.misalignment.dashboard.importing;

/**
 * Where a format delivers what it reads; the import's transaction decides whether any of
 * it stays.
 */
interface ImportSink {

	void answer(AnswerRecord answer) throws ImportException;

	void question(QuestionRecord question) throws ImportException;

	/**
	 * Counts a record or file left out on purpose, with the reason the summary reports.
	 */
	void skipped(String reason);

}
