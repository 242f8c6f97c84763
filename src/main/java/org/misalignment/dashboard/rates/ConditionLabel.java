package org.misalignment.dashboard.rates;

/**
 * A condition as a chart's legend names it for a reader: "without trigger" and "with
 * trigger" for the backdoor's {@code no_trigger} and {@code trigger}; any other condition
 * by its name. Tables, twins and the API keep the names as they are.
 */
public final class ConditionLabel {

	private ConditionLabel() {
	}

	public static String of(String condition) {
		if (condition == null) {
			return "answers";
		}
		return switch (condition) {
			case "no_trigger" -> "without trigger";
			case "trigger" -> "with trigger";
			default -> condition;
		};
	}

}
