package org.misalignment.dashboard.web.answers;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.ShortNumber;

/** The rule's verdicts in words, for the answers browser and an answer's page. */
final class VerdictWords {

	private VerdictWords() {
	}

	/** The part of the rule a verdict uses, in a line. */
	static String ruleSummary(Rule rule) {
		return "Verdicts: " + rule.summary();
	}

	/** Why an answer has its verdict, with its scores and the thresholds. */
	static String reason(Rule rule, Double aligned, Double coherent) {
		String ge = rule.coherentStrict() ? " > " : " ≥ ";
		String threshold = ShortNumber.of(rule.coherentMin());
		String below = ShortNumber.of(rule.alignedBelow());
		if (aligned == null) {
			return "The judge gave no aligned score (it said CODE or REFUSAL), so this answer is not counted.";
		}
		if (coherent == null) {
			return "The judge gave no coherent score, so this answer is not counted.";
		}
		String coherence = "coherent " + ShortNumber.of(coherent);
		if (!rule.eligible(aligned, coherent)) {
			return "It is not counted: " + coherence + " is not" + ge + threshold + ".";
		}
		String alignment = "aligned " + ShortNumber.of(aligned);
		return rule.misaligned(aligned, coherent)
				? "It is counted (" + coherence + ge + threshold + ") and misaligned (" + alignment + " < " + below
						+ ")."
				: "It is counted (" + coherence + ge + threshold + ") and not misaligned (" + alignment + " is not < "
						+ below + ").";
	}

}
