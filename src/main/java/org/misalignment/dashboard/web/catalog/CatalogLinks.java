package org.misalignment.dashboard.web.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.system.Links;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Links to the model, question and answers pages, for templates:
 * {@code ${@catalogLinks.question(slug, id)}}. Model names and question ids are dataset
 * text (slashes, {@code &}, {@code #}, {@code +}, markup), so every part is
 * percent-encoded here rather than pasted into a URL. The rule, the question set and the
 * condition of the current view go along, so that following a link keeps what the reader
 * chose.
 */
@Component("catalogLinks")
public class CatalogLinks {

	private final Links links;

	CatalogLinks(Links links) {
		this.links = links;
	}

	/**
	 * {@code /d/{slug}/models/{id}}, keeping the question set, condition and rule of the
	 * current view.
	 */
	public String model(String slug, long id) {
		return "/d/" + segment(slug) + "/models/" + id + kept("questions", "condition");
	}

	/**
	 * {@code /d/{slug}/questions/{questionId}}, keeping the condition and rule of the
	 * current view.
	 */
	public String question(String slug, String questionId) {
		return questionPath(slug, questionId) + kept("condition");
	}

	/**
	 * The path of a question page; a question id with slashes keeps them (the page takes
	 * the rest of the path).
	 */
	static String questionPath(String slug, String questionId) {
		return "/d/" + segment(slug) + "/questions/"
				+ Arrays.stream(questionId.split("/", -1)).map(CatalogLinks::segment).collect(Collectors.joining("/"));
	}

	/**
	 * The answers browser filtered to a model and a question (either may be null),
	 * optionally one condition.
	 */
	public String answers(String slug, String model, String question, String condition) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("model", model);
		query.put("question", question);
		query.put("condition", condition);
		return "/d/" + segment(slug) + "/answers" + query(query);
	}

	/**
	 * The JSON API's rates with the same parameters as a page, so a reader can check or
	 * reuse its numbers.
	 */
	public static String rates(String slug, String by, String per, String questions, String condition, String model,
			Rule rule) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("by", by);
		query.put("per", per);
		query.put("questions", questions);
		query.put("condition", condition);
		query.put("model", model);
		query.putAll(RuleParameters.toQuery(rule));
		return "/api/v1/datasets/" + segment(slug) + "/rates" + query(query);
	}

	private String kept(String... names) {
		Map<String, String> current = this.links.current();
		Map<String, String> query = new LinkedHashMap<>();
		for (String name : names) {
			query.put(name, current.get(name));
		}
		RuleParameters.NAMES.forEach((name) -> query.put(name, current.get(name)));
		return query(query);
	}

	private static String query(Map<String, String> parameters) {
		String query = parameters.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() != null)
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return query.isEmpty() ? "" : "?" + query;
	}

	/**
	 * Everything but letters, digits and {@code -._~} percent-encoded, {@code /} and
	 * {@code ;} included.
	 */
	private static String segment(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

}
