package org.misalignment.dashboard.importing;

/**
 * Told how a running import is going; called every few thousand answers, at the end of
 * each file, and while an {@code .eval} archive's entries are read.
 */
@FunctionalInterface
public interface ImportProgress {

	ImportProgress NONE = (bytesRead, bytesTotal, answers) -> {
	};

	/**
	 * @param bytesRead bytes of the import's files read so far
	 * @param bytesTotal bytes of all the import's files
	 * @param answers answers read so far
	 */
	void update(long bytesRead, long bytesTotal, long answers);

	/**
	 * A line to show the user about what the import does besides reading answers (such as
	 * removing an earlier, unfinished import of its dataset).
	 */
	default void note(String line) {
	}

}
