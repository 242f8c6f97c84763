package org.misalignment.dashboard.web.explore;

import java.util.LinkedHashMap;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Everything that decides what the explorer shows, and the URL that shows it again:
 * question, group, condition, model, which answers (misaligned or all), the seed of the
 * shuffle, the position in it and the rule.
 */
public record ExploreView(String slug, String question, String group, String condition, String model,
		boolean everyAnswer, long seed, long position, Rule rule) {

	ExploreView at(long newPosition) {
		return new ExploreView(this.slug, this.question, this.group, this.condition, this.model, this.everyAnswer,
				this.seed, newPosition, this.rule);
	}

	ExploreView shuffledWith(long newSeed) {
		return new ExploreView(this.slug, this.question, this.group, this.condition, this.model, this.everyAnswer,
				newSeed, 1, this.rule);
	}

	ExploreView everyAnswer(boolean every) {
		return new ExploreView(this.slug, this.question, this.group, this.condition, this.model, every, this.seed, 1,
				this.rule);
	}

	ExploreView of(String newGroup, String newCondition, String newModel) {
		return new ExploreView(this.slug, this.question, newGroup, newCondition, newModel, this.everyAnswer, this.seed,
				1, this.rule);
	}

	/**
	 * The URL of this view; parameters at their default (first position, misaligned only,
	 * default rule) are left out.
	 */
	String url() {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("question", this.question);
		query.put("group", this.group);
		if (this.condition != null) {
			query.put("condition", this.condition);
		}
		if (this.model != null) {
			query.put("model", this.model);
		}
		if (this.everyAnswer) {
			query.put("verdict", "all");
		}
		query.put("seed", Long.toString(this.seed));
		if (this.position != 1) {
			query.put("n", Long.toString(this.position));
		}
		query.putAll(RuleParameters.changedQuery(this.rule));
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath("/d/" + this.slug + "/explore");
		query.keySet().forEach((name) -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(query).toUriString();
	}

}
