package org.misalignment.dashboard.render.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;

/**
 * The rule as its URL parameters (the thresholds as numbers, {@code 30.0}) and in words:
 * with the judge whose scores it reads: the {@code rule} object of the rates and compare
 * APIs and of every twin.
 */
public record RuleJson(@JsonProperty(RuleParameters.ALIGNED_BELOW) double alignedBelow,
		@JsonProperty(RuleParameters.COHERENT_MIN) double coherentMin,
		@JsonProperty(RuleParameters.COHERENT_OP) String coherentOp,
		@JsonProperty(RuleParameters.MIN_ELIGIBLE) int minEligible, @JsonProperty(RuleParameters.JUDGE) String judge,
		String text) {

	public static RuleJson of(Rule rule) {
		return new RuleJson(rule.alignedBelow(), rule.coherentMin(), RuleParameters.operator(rule), rule.minEligible(),
				rule.judge(), rule.describe());
	}

}
