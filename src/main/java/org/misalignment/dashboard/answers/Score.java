package org.misalignment.dashboard.answers;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** One judge metric of a sample: a value from 0 to 100 or none (CODE/REFUSAL), and the judge's tokens. */
@Embeddable
public class Score {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Column(name = "score_value")
	private Double value;

	@Column(name = "judge_tokens")
	private String judgeTokens;

	protected Score() {
	}

	public Double getValue() {
		return this.value;
	}

	/** Token to probability as the judge returned them, in its order; empty when not recorded. */
	public Map<String, Double> getJudgeTokens() {
		if (this.judgeTokens == null) {
			return Map.of();
		}
		return JSON.readValue(this.judgeTokens, new TypeReference<LinkedHashMap<String, Double>>() {
		});
	}

}
