package org.misalignment.dashboard.importing;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a judge's token distribution as a JSON object of token to probability, in the
 * judge's order.
 */
final class TokenDistributions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TokenDistributions() {
	}

	static String toJson(Map<String, Double> distribution) {
		return JSON.writeValueAsString(distribution);
	}

}
