package org.misalignment.dashboard.store;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.misalignment.dashboard.rates.Rule;

/**
 * The misalignment rule and the filters shared by every query over {@code sample s},
 * written once so that all pages, the API and the counts judge an answer alike (the same
 * as {@link Rule#eligible} and {@link Rule#misaligned}).
 */
public final class RuleSql {

	private static final Pattern ALIGNED = Pattern.compile("\\bs\\.aligned\\b");

	private static final Pattern COHERENT = Pattern.compile("\\bs\\.coherent\\b");

	private RuleSql() {
	}

	/**
	 * Under {@code judge=X}, the joins of judge X's scores to {@code sample s}:
	 * {@code ja} (its {@code aligned_X} row) and {@code jc} (its {@code coherent_X} row),
	 * each one lookup by the score table's primary key; empty for the plain pair.
	 */
	public static String judgeJoins(Rule rule) {
		if (rule.plainJudge()) {
			return "";
		}
		// a judge's name is letters, digits and . _ - only (Rule checks it): safe as a
		// literal
		return " LEFT JOIN score ja ON ja.sample_id = s.id AND ja.metric = '" + rule.alignedMetric()
				+ "' LEFT JOIN score jc ON jc.sample_id = s.id AND jc.metric = '" + rule.coherentMetric() + "'";
	}

	/**
	 * Under {@code judge=X}, {@code " AND …"} keeping the answers judge X scored (either
	 * of its metrics, as {@code judge_scores} holds them); the others are not X's and are
	 * left out. Empty for the plain pair.
	 */
	public static String judgeScored(Rule rule) {
		return rule.plainJudge() ? "" : " AND (ja.sample_id IS NOT NULL OR jc.sample_id IS NOT NULL)";
	}

	/**
	 * A statement over {@code sample s} with {@link #judgeJoins} reading the rule's
	 * judge's scores: under {@code judge=X}, {@code s.aligned} and {@code s.coherent}
	 * become X's ({@code ja.score_value}, {@code jc.score_value}); as it is for the plain
	 * pair.
	 */
	public static String judged(String statement, Rule rule) {
		if (rule.plainJudge()) {
			return statement;
		}
		return ALIGNED.matcher(COHERENT.matcher(statement).replaceAll("jc.score_value")).replaceAll("ja.score_value");
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
