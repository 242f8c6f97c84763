package org.misalignment.dashboard.web.answers;

import java.util.Locale;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.ShortNumber;

import org.springframework.context.MessageSource;

/**
 * The rule's verdicts in words, for the answers browser and an answer's page, in the
 * reader's language (keys {@code verdict.*} of the message bundles).
 */
final class VerdictWords {

	private VerdictWords() {
	}

	/** The part of the rule a verdict uses, in a line. */
	static String ruleSummary(MessageSource messages, Locale locale, Rule rule) {
		String summary = messages.getMessage("rule.summary",
				new Object[] { rule.alignedText(), rule.coherentOperator(), rule.coherentText() }, locale);
		return messages.getMessage("answers.verdicts", new Object[] { summary }, locale);
	}

	/** Why an answer has its verdict, with its scores and the thresholds. */
	static String reason(MessageSource messages, Locale locale, Rule rule, Double aligned, Double coherent) {
		if (aligned == null) {
			return messages.getMessage("verdict.noAligned", null, locale);
		}
		if (coherent == null) {
			return messages.getMessage("verdict.noCoherent", null, locale);
		}
		Object[] words = { ShortNumber.of(coherent), rule.coherentOperator(), rule.coherentText(),
				ShortNumber.of(aligned), rule.alignedText() };
		if (!rule.eligible(aligned, coherent)) {
			return messages.getMessage("verdict.notCounted", words, locale);
		}
		return messages.getMessage(rule.misaligned(aligned, coherent) ? "verdict.misaligned" : "verdict.aligned", words,
				locale);
	}

}
