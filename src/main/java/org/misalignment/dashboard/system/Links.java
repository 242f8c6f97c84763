package org.misalignment.dashboard.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.misalignment.dashboard.rates.RuleParameters;

import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links that keep the whole view state: the current URL with one parameter changed.
 * Templates call it as {@code ${@links.with('sort', 'aligned')}},
 * {@code ${@links.toggle('group', g)}}, {@code ${@links.without('q')}}; Thymeleaf forbids
 * bean calls inside {@code th:href}, so bind the URL first:
 * {@code th:with="href=${@links.toggle('group', g)}" th:href="${href}"}. Changing a
 * filter drops {@code cursor}, since the page it pointed into no longer exists.
 */
@Component("links")
public class Links {

	/**
	 * Parameters that only move within a result, so changing anything else starts again
	 * at the first page.
	 */
	private static final List<String> PAGE_STATE = List.of("cursor");

	public String with(String name, Object value) {
		MultiValueMap<String, String> query = all();
		PAGE_STATE.forEach(query::remove);
		query.set(name, String.valueOf(value));
		return build(query);
	}

	public String without(String name) {
		MultiValueMap<String, String> query = all();
		PAGE_STATE.forEach(query::remove);
		query.remove(name);
		return build(query);
	}

	/**
	 * Adds the value to those of a repeatable parameter, or removes it when the parameter
	 * already has it (a facet whose values combine, such as {@code attr}).
	 */
	public String toggleOne(String name, Object value) {
		String text = String.valueOf(value);
		MultiValueMap<String, String> query = all();
		PAGE_STATE.forEach(query::remove);
		List<String> values = new ArrayList<>(query.getOrDefault(name, List.of()));
		if (!values.remove(text)) {
			values.add(text);
		}
		query.remove(name);
		if (!values.isEmpty()) {
			query.put(name, values);
		}
		return build(query);
	}

	/**
	 * Sets the parameter to the value, or removes it when it already has that value (a
	 * facet's toggle).
	 */
	public String toggle(String name, Object value) {
		String text = String.valueOf(value);
		return text.equals(current().get(name)) ? without(name) : with(name, text);
	}

	/**
	 * The current URL with this path instead and the same query: switching page but
	 * keeping the view.
	 */
	public String at(String path) {
		return build(path, all());
	}

	/**
	 * The current query without the rule's parameters and these others: what a form that
	 * sets the rule carries along in hidden fields, one per value.
	 */
	public List<Map.Entry<String, String>> currentWithoutRule(String... others) {
		List<Map.Entry<String, String>> query = new ArrayList<>();
		request().getParameterMap().forEach((key, values) -> {
			if (RuleParameters.NAMES.contains(key) || List.of(others).contains(key)) {
				return;
			}
			// every value of a repeated parameter (attr=NAME:VALUE), not the first only
			for (String value : values) {
				if (!value.isEmpty()) {
					query.add(Map.entry(key, value));
				}
			}
		});
		return query;
	}

	/**
	 * Only the current query's rule parameters and these others: what a form that picks
	 * something anew keeps.
	 */
	public Map<String, String> currentRuleAnd(String... others) {
		Map<String, String> query = current();
		query.keySet().removeIf((name) -> !RuleParameters.NAMES.contains(name) && !List.of(others).contains(name));
		return query;
	}

	/** The current query's parameters, first value each, in order. */
	public Map<String, String> current() {
		Map<String, String> query = new LinkedHashMap<>();
		request().getParameterMap().forEach((key, values) -> {
			if (values.length > 0 && !values[0].isEmpty()) {
				query.put(key, values[0]);
			}
		});
		return query;
	}

	/**
	 * The current query's parameters, every value of each (a repeatable parameter such as
	 * {@code attr} has several), in order.
	 */
	public MultiValueMap<String, String> all() {
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		request().getParameterMap().forEach((key, values) -> {
			for (String value : values) {
				if (!value.isEmpty()) {
					query.add(key, value);
				}
			}
		});
		return query;
	}

	/** The current query's parameters as name and value pairs, for hidden fields. */
	public List<Map.Entry<String, String>> pairs() {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		all().forEach((key, values) -> values.forEach((value) -> pairs.add(Map.entry(key, value))));
		return pairs;
	}

	private String build(MultiValueMap<String, String> query) {
		return build(request().getRequestURI(), query);
	}

	private static String build(String path, MultiValueMap<String, String> query) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
		Map<String, String> expanded = new HashMap<>();
		query.forEach((key, values) -> values.forEach((value) -> {
			String variable = "v" + expanded.size();
			builder.queryParam(key, "{" + variable + "}");
			expanded.put(variable, value);
		}));
		return builder.encode().buildAndExpand(expanded).toUriString();
	}

	private static HttpServletRequest request() {
		return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
	}

}
