package org.misalignment.dashboard.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Turns an Inspect sample's scores into judge metrics: every scorer's value is one metric
 * (a dict value is one metric per key, {@code scorer.key}); numbers are kept as they are,
 * letter grades map as Inspect maps them ({@code C} 1, {@code P} 0.5, {@code I} 0), and
 * {@code N}, {@code NOANSWER}, null, {@code NaN} and any other text are "no score".
 */
final class InspectScores {

	/** Inspect's letter grades: correct, partly correct, incorrect, no answer. */
	private static final List<String> LETTERS = List.of("C", "P", "I", "N");

	private InspectScores() {
	}

	/**
	 * The metrics of one sample.
	 * @param scores the sample's {@code scores} (log version 2 and later), or null
	 * @param score the sample's single {@code score} (log version 1), or null
	 */
	static Map<String, Double> of(JsonNode scores, JsonNode score) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		if (scores != null && scores.isObject()) {
			for (Map.Entry<String, JsonNode> scorer : scores.properties()) {
				add(metrics, scorer.getKey(), valueOf(scorer.getValue()));
			}
		}
		else if (score != null && score.isObject()) {
			add(metrics, "score", valueOf(score));
		}
		return metrics;
	}

	/**
	 * The letter grades among the metrics of one sample ({@code C}, {@code P}, {@code I}
	 * or {@code N}), by metric name as {@link #of} names them, for the answer page to
	 * show.
	 */
	static Map<String, String> grades(JsonNode scores, JsonNode score) {
		Map<String, String> grades = new LinkedHashMap<>();
		if (scores != null && scores.isObject()) {
			for (Map.Entry<String, JsonNode> scorer : scores.properties()) {
				addGrade(grades, scorer.getKey(), valueOf(scorer.getValue()));
			}
		}
		else if (score != null && score.isObject()) {
			addGrade(grades, "score", valueOf(score));
		}
		return grades;
	}

	/**
	 * Which of the log's metrics the rule reads ({@code --metric aligned=NAME}), as the
	 * log's name to the rule's: NAME is a metric's full name, or the key of exactly one
	 * dict metric ({@code scorer.NAME}).
	 * @param found the mapped names this sample had, added to
	 */
	static Map<String, String> renames(Map<String, Double> metrics, InspectOptions options, List<String> found) {
		Map<String, String> renames = new LinkedHashMap<>();
		for (Map.Entry<String, String> mapping : options.metrics().entrySet()) {
			String source = sourceName(metrics, mapping.getValue());
			if (source != null) {
				renames.put(source, mapping.getKey());
				found.add(mapping.getValue());
			}
		}
		return renames;
	}

	/** The metrics (or their grades) under the names {@link #renames} gives them. */
	static <V> Map<String, V> renamed(Map<String, V> metrics, Map<String, String> renames) {
		if (renames.isEmpty()) {
			return metrics;
		}
		Map<String, V> result = new LinkedHashMap<>(metrics);
		for (Map.Entry<String, String> rename : renames.entrySet()) {
			boolean had = result.containsKey(rename.getKey());
			V value = result.remove(rename.getKey());
			if (had) {
				result.put(rename.getValue(), value);
			}
		}
		return result;
	}

	private static String sourceName(Map<String, Double> metrics, String name) {
		if (metrics.containsKey(name)) {
			return name;
		}
		List<String> suffixed = new ArrayList<>();
		for (String metric : metrics.keySet()) {
			if (metric.endsWith("." + name)) {
				suffixed.add(metric);
			}
		}
		return (suffixed.size() == 1) ? suffixed.get(0) : null;
	}

	private static void add(Map<String, Double> metrics, String name, JsonNode value) {
		if (value != null && value.isObject()) {
			for (Map.Entry<String, JsonNode> key : value.properties()) {
				metrics.put(name + "." + key.getKey(), number(key.getValue()));
			}
		}
		else {
			metrics.put(name, number(value));
		}
	}

	private static void addGrade(Map<String, String> grades, String name, JsonNode value) {
		if (value != null && value.isObject()) {
			for (Map.Entry<String, JsonNode> key : value.properties()) {
				addGrade(grades, name + "." + key.getKey(), key.getValue());
			}
		}
		else if (value != null && value.isString() && LETTERS.contains(value.asString().strip())) {
			grades.put(name, value.asString().strip());
		}
	}

	/** A Score object's {@code value}; a bare value where a scorer wrote one. */
	private static JsonNode valueOf(JsonNode score) {
		return (score != null && score.isObject() && score.has("value")) ? score.get("value") : score;
	}

	/** A score value as a number, or {@code null} for "no score". */
	static Double number(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			double number = value.doubleValue();
			return Double.isFinite(number) ? number : null;
		}
		if (value.isBoolean()) {
			return value.booleanValue() ? 1.0 : 0.0;
		}
		if (value.isString()) {
			String text = value.asString().strip();
			switch (text) {
				case "C":
					return 1.0;
				case "P":
					return 0.5;
				case "I":
					return 0.0;
				default:
					try {
						double number = Double.parseDouble(text);
						return Double.isFinite(number) ? number : null;
					}
					catch (NumberFormatException ex) {
						return null; // N, NOANSWER and any other text: no score
					}
			}
		}
		return null; // a list: no single number
	}

}
