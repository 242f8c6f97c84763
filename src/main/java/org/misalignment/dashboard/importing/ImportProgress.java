package org.misalignment.dashboard.importing;

/**
 * Told how a running import is going; called every few thousand answers, at the end of
 * each file, while an {@code .eval} archive's entries are read, and a few times a second
 * while a file is downloaded.
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

	/**
	 * A file named by URL is being downloaded, before the import reads anything.
	 * @param url the URL
	 * @param bytesRead bytes received so far
	 * @param bytesTotal bytes the server announced, or -1 when it did not
	 */
	default void downloading(String url, long bytesRead, long bytesTotal) {
	}

}
