package org.misalignment.dashboard.rates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule as URL parameters: {@code aligned_below}, {@code coherent_min}, {@code coherent_op} ({@code ge} for
 * ≥, {@code gt} for &gt;) and {@code min_eligible}. Missing parameters take the defaults of {@link Rule#DEFAULT}.
 */
public final class RuleParameters {

	private RuleParameters() {
	}

	/** Reads the parameters; throws {@link IllegalArgumentException} naming the parameter that is wrong. */
	public static Rule parse(String alignedBelow, String coherentMin, String coherentOp, String minEligible) {
		Rule defaults = Rule.DEFAULT;
		boolean strict = defaults.coherentStrict();
		if (coherentOp != null && !coherentOp.isBlank()) {
			switch (coherentOp.strip()) {
				case "ge", ">=" -> strict = false;
				case "gt", ">" -> strict = true;
				default -> throw new IllegalArgumentException("coherent_op must be ge (≥) or gt (>), got '" + coherentOp + "'");
			}
		}
		return new Rule(number("aligned_below", alignedBelow, defaults.alignedBelow()),
				number("coherent_min", coherentMin, defaults.coherentMin()), strict,
				(int) whole("min_eligible", minEligible, defaults.minEligible()));
	}

	/** The rule as the parameters that reproduce it, for URLs and for the {@code rule} object of the API. */
	public static Map<String, Object> toParameters(Rule rule) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("aligned_below", rule.alignedBelow());
		parameters.put("coherent_min", rule.coherentMin());
		parameters.put("coherent_op", rule.coherentStrict() ? "gt" : "ge");
		parameters.put("min_eligible", rule.minEligible());
		return parameters;
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
