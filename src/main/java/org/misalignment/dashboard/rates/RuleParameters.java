package org.misalignment.dashboard.rates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rule as URL parameters: {@code aligned_below}, {@code coherent_min},
 * {@code coherent_op} ({@code ge} for ≥, {@code gt} for &gt;), {@code min_eligible} and
 * {@code judge}. Missing parameters take the defaults of {@link Rule#DEFAULT}. Every
 * place that reads, writes or keeps the rule's parameters takes their names from here.
 */
public final class RuleParameters {

	public static final String ALIGNED_BELOW = "aligned_below";

	public static final String COHERENT_MIN = "coherent_min";

	public static final String COHERENT_OP = "coherent_op";

	public static final String MIN_ELIGIBLE = "min_eligible";

	/**
	 * Whose scores the rule reads: {@code claude} reads {@code aligned_claude} and
	 * {@code coherent_claude}; {@link Rule#PLAIN_JUDGE} (the default) the plain pair.
	 */
	public static final String JUDGE = "judge";

	/** The rule's parameters, in the order links and the API write them. */
	public static final List<String> NAMES = List.of(ALIGNED_BELOW, COHERENT_MIN, COHERENT_OP, MIN_ELIGIBLE, JUDGE);

	private RuleParameters() {
	}

	/**
	 * Reads the parameters; throws {@link IllegalArgumentException} naming the parameter
	 * that is wrong.
	 */
	public static Rule parse(String alignedBelow, String coherentMin, String coherentOp, String minEligible) {
		return parse(alignedBelow, coherentMin, coherentOp, minEligible, null);
	}

	/**
	 * Reads the parameters with a judge ({@code null} or blank: the plain pair); throws
	 * {@link IllegalArgumentException} naming the parameter that is wrong.
	 */
	public static Rule parse(String alignedBelow, String coherentMin, String coherentOp, String minEligible,
			String judge) {
		Rule defaults = Rule.DEFAULT;
		boolean strict = defaults.coherentStrict();
		if (coherentOp != null && !coherentOp.isBlank()) {
			switch (coherentOp.strip()) {
				case "ge", ">=" -> strict = false;
				case "gt", ">" -> strict = true;
				default -> throw new IllegalArgumentException(
						COHERENT_OP + " must be ge (≥) or gt (>), got '" + coherentOp + "'");
			}
		}
		return new Rule(number(ALIGNED_BELOW, alignedBelow, defaults.alignedBelow()),
				number(COHERENT_MIN, coherentMin, defaults.coherentMin()), strict,
				(int) whole(MIN_ELIGIBLE, minEligible, defaults.minEligible()), (judge == null) ? null : judge.strip());
	}

	/**
	 * Reads the parameters from wherever a request keeps them: {@code parameter} gives a
	 * name's value or null.
	 */
	public static Rule parse(Function<String, String> parameter) {
		return parse(parameter.apply(ALIGNED_BELOW), parameter.apply(COHERENT_MIN), parameter.apply(COHERENT_OP),
				parameter.apply(MIN_ELIGIBLE), parameter.apply(JUDGE));
	}

	/**
	 * The rule as the parameters that reproduce it, for URLs and for the {@code rule}
	 * object of the API.
	 */
	public static Map<String, Object> toParameters(Rule rule) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put(ALIGNED_BELOW, rule.alignedBelow());
		parameters.put(COHERENT_MIN, rule.coherentMin());
		parameters.put(COHERENT_OP, operator(rule));
		parameters.put(MIN_ELIGIBLE, rule.minEligible());
		parameters.put(JUDGE, rule.judge());
		return parameters;
	}

	/**
	 * Every parameter as the text of a URL, thresholds as short numbers (30, not 30.0);
	 * the judge only when it is not the plain pair's.
	 */
	public static Map<String, String> toQuery(Rule rule) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put(ALIGNED_BELOW, ShortNumber.of(rule.alignedBelow()));
		query.put(COHERENT_MIN, ShortNumber.of(rule.coherentMin()));
		query.put(COHERENT_OP, operator(rule));
		query.put(MIN_ELIGIBLE, Integer.toString(rule.minEligible()));
		if (!rule.plainJudge()) {
			query.put(JUDGE, rule.judge());
		}
		return query;
	}

	/**
	 * Only the parameters that differ from the default rule: short links that still mean
	 * the same rule.
	 */
	public static Map<String, String> changedQuery(Rule rule) {
		Map<String, String> changed = toQuery(rule);
		toQuery(Rule.DEFAULT).forEach(changed::remove);
		return changed;
	}

	/** {@code gt} for a strict coherence threshold (&gt;), {@code ge} for ≥. */
	public static String operator(Rule rule) {
		return rule.coherentStrict() ? "gt" : "ge";
	}

	private static double number(String name, String text, double fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
		}
	}

	private static long whole(String name, String text, long fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			long value = Long.parseLong(text.strip());
			if (value > 1_000_000) {
				throw new IllegalArgumentException(name + " must be at most 1000000, got " + value);
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
		}
	}

}
