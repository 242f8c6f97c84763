package org.misalignment.dashboard.web.overview;

import java.util.LinkedHashMap;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links of one overview: to the answers behind a matrix cell, to the explorer, and to
 * the JSON API of the same numbers. Each carries the dataset, the question set and the
 * rule, so it shows what the overview counted.
 */
final class OverviewLinks {

	private final String slug;

	private final String questions;

	private final Rule rule;

	OverviewLinks(String slug, String questions, Rule rule) {
		this.slug = slug;
		this.questions = questions;
		this.rule = rule;
	}

	/** The misaligned answers of one cell, in the answers browser. */
	String answers(String questionId, String group, String condition) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("question", questionId);
		query.put("group", group);
		if (condition != null) {
			query.put("condition", condition);
		}
		query.put("verdict", "misaligned");
		query.putAll(RuleParameters.changedQuery(this.rule));
		return build("/d/" + this.slug + "/answers", query);
	}

	/** Random misaligned answers to one question, in the explorer. */
	String explore(String questionId) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("question", questionId);
		query.putAll(RuleParameters.changedQuery(this.rule));
		return build("/d/" + this.slug + "/explore", query);
	}

	/**
	 * The API's rates, {@code per=overall} (the chart and its table) or
	 * {@code per=question} (the matrix).
	 */
	String api(String per) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("by", "group");
		query.put("per", per);
		query.put("questions", this.questions);
		query.putAll(RuleParameters.toQuery(this.rule));
		return build("/api/v1/datasets/" + this.slug + "/rates", query);
	}

	private static String build(String path, Map<String, String> query) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
		query.keySet().forEach((name) -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(query).toUriString();
	}

}
