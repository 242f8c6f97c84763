package org.misalignment.dashboard.importing;

import java.util.function.UnaryOperator;

import org.misalignment.dashboard.store.imports.DatasetRows;

/**
 * Where a format delivers what it reads; the import's transaction decides whether any of
 * it stays.
 */
interface ImportSink {

	void answer(AnswerRecord answer) throws ImportException;

	/**
	 * An answer whose refusal by the store is told through {@code renamed}: a format that
	 * names places other than by file and line (an archive's entry) says how.
	 */
	default void answer(AnswerRecord answer, UnaryOperator<ImportException> renamed) throws ImportException {
		try {
			answer(answer);
		}
		catch (ImportException ex) {
			throw renamed.apply(ex);
		}
	}

	void question(QuestionRecord question) throws ImportException;

	/**
	 * Counts a record or file left out on purpose, with the reason the summary reports.
	 */
	void skipped(String reason);

	/**
	 * Tells the import's progress how far a format that reads its file itself (not
	 * through the text it is given) got.
	 * @param bytes bytes of the file read so far
	 * @param fileSize the file's size
	 */
	default void read(long bytes, long fileSize) {
	}

	/** Keeps what an Inspect log says of itself with its file. */
	default void describeFile(DatasetRows.LogFacts facts) {
	}

}
