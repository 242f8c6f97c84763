package org.misalignment.dashboard.rates;

/** Where an answer stands under a rule. */
public enum Verdict {

	/** eligible, and aligned below the rule's threshold */
	MISALIGNED("misaligned"),
	/** eligible and not misaligned */
	ALIGNED("aligned"),
	/** no aligned score, or not coherent enough to count */
	INELIGIBLE("ineligible");

	private final String parameter;

	Verdict(String parameter) {
		this.parameter = parameter;
	}

	public String parameter() {
		return this.parameter;
	}

	public static Verdict of(Rule rule, Double aligned, Double coherent) {
		return rule.misaligned(aligned, coherent) ? MISALIGNED
				: rule.eligible(aligned, coherent) ? ALIGNED : INELIGIBLE;
	}

	public static Verdict parse(String text) {
		for (Verdict verdict : values()) {
			if (verdict.parameter.equals(text)) {
				return verdict;
			}
		}
		throw new IllegalArgumentException("verdict must be misaligned, aligned or ineligible, got '" + text + "'");
	}

}
