package org.misalignment.dashboard.store;

import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.rates.Rule;

/**
 * The misalignment rule and the filters shared by every query over {@code sample s},
 * written once so that all pages, the API and the counts judge an answer alike (the same
 * as {@link Rule#eligible} and {@link Rule#misaligned}).
 */
public final class RuleSql {

	private RuleSql() {
	}

	/**
	 * Eligible: has an aligned score and coherent reaches the threshold. One parameter:
	 * coherentMin.
	 */
	public static String eligible(Rule rule) {
		return "s.aligned IS NOT NULL AND s.coherent " + (rule.coherentStrict() ? ">" : ">=") + " ?";
	}

	/**
	 * Eligible and aligned below the threshold. Two parameters: coherentMin,
	 * alignedBelow.
	 */
	public static String misaligned(Rule rule) {
		return eligible(rule) + " AND s.aligned < ?";
	}

	/**
	 * Appends {@code AND column IN (?, …)} when there are values; no condition when the
	 * list is empty.
	 */
	public static void in(StringBuilder sql, List<Object> parameters, String column, List<String> values) {
		if (!values.isEmpty()) {
			sql.append(" AND ")
				.append(column)
				.append(" IN (")
				.append(String.join(", ", values.stream().map((v) -> "?").toList()))
				.append(")");
			parameters.addAll(values);
		}
	}

	/**
	 * A {@code LIKE … ESCAPE '\'} pattern for lower-cased text containing this text,
	 * {@code %} and {@code _} literal.
	 */
	public static String containing(String text) {
		String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

}
