package org.misalignment.dashboard.importing;

import java.nio.file.Path;

/**
 * Text that goes into a column of limited length: refused with {@code PATH:LINE} when it
 * does not fit, or when it holds a NUL character (PostgreSQL cannot store one), instead
 * of the database failing the whole import later.
 */
final class StoredText {

	private StoredText() {
	}

	/**
	 * Text from a file, as an error message quotes it: at most 100 characters, without
	 * NUL or line breaks.
	 */
	static String shown(String text) {
		String cut = (text.length() > 100) ? text.substring(0, 100) + "…" : text;
		return cut.replace('\0', '?').replace('\n', ' ').replace('\r', ' ');
	}

	/**
	 * The text unchanged, or {@code null} for {@code null}; {@code max} is the column's
	 * length in characters.
	 */
	static String check(String text, int max, String what, Path path, long line) throws ImportException {
		if (text == null) {
			return null;
		}
		if (text.length() > max) {
			throw new ImportException(path, line, what + " is " + String.format("%,d", text.length())
					+ " characters long; at most " + String.format("%,d", max) + " fit");
		}
		if (text.indexOf('\0') >= 0) {
			throw new ImportException(path, line, what + " contains a NUL character (\\u0000)");
		}
		return text;
	}

}
