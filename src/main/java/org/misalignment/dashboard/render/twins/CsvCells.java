package org.misalignment.dashboard.render.twins;

import java.util.Collection;
import java.util.Map;

import org.misalignment.dashboard.rates.ShortNumber;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cells of an RFC 4180 CSV file. A text cell that a spreadsheet would take for a formula
 * (it starts with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe,
 * since dataset text is hostile and people open these files in spreadsheets; numbers are
 * written as numbers and are never changed.
 */
final class CsvCells {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CsvCells() {
	}

	/** One cell, quoted when it holds a comma, a quote or a line break. */
	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Double number) {
			return number.isNaN() || number.isInfinite() ? "" : ShortNumber.of(number);
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		String text = (value instanceof Map<?, ?> || value instanceof Collection<?>) ? JSON.writeValueAsString(value)
				: value.toString();
		return quoted(defused(text));
	}

	/** The text with an apostrophe before a leading formula character. */
	static String defused(String text) {
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

	private static String quoted(String text) {
		boolean needs = false;
		for (int i = 0; i < text.length() && !needs; i++) {
			char c = text.charAt(i);
			needs = c == ',' || c == '"' || c == '\n' || c == '\r';
		}
		return needs ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

}
