package org.misalignment.dashboard.importing;

import java.nio.file.Path;

/**
 * Bad input: names the file, the line (1-based) and what is wrong, as
 * {@code PATH:LINE: message}.
 */
public class ImportException extends Exception {

	private final String path;

	private final long line;

	private final String problem;

	public ImportException(Path path, long line, String problem) {
		this(path.toString(), line, problem);
	}

	public ImportException(String path, long line, String problem) {
		super(path + ":" + Math.max(line, 1) + ": " + problem);
		this.path = path;
		this.line = Math.max(line, 1);
		this.problem = problem;
	}

	/**
	 * Bad input in a part of a file that has no lines of its own, such as an entry of a
	 * ZIP archive: {@code PATH!ENTRY: message}; its {@link #line()} is 0.
	 */
	public ImportException(String location, String problem) {
		super(location + ": " + problem);
		this.path = location;
		this.line = 0;
		this.problem = problem;
	}

	public String path() {
		return this.path;
	}

	public long line() {
		return this.line;
	}

	public String problem() {
		return this.problem;
	}

}
