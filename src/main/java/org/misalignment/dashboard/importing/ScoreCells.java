package org.misalignment.dashboard.importing;

import java.nio.file.Path;

/**
 * Reads judge scores: a number from 0 to 100, or an empty cell for "no score" (never 0).
 */
final class ScoreCells {

	private ScoreCells() {
	}

	static Double parse(String cell, String metric, Path path, long line) throws ImportException {
		String text = cell.strip();
		if (text.isEmpty()) {
			return null;
		}
		double value;
		try {
			value = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new ImportException(path, line, "score '" + metric + "' is not a number: '" + abbreviate(text) + "'");
		}
		return check(value, metric, path, line);
	}

	static Double check(double value, String metric, Path path, long line) throws ImportException {
		if (Double.isNaN(value) || value < 0 || value > 100) {
			throw new ImportException(path, line,
					"score '" + metric + "' is " + value + ", outside 0-100 (leave the cell empty for no score)");
		}
		return value;
	}

	static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
