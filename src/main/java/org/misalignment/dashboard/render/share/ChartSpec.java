package org.misalignment.dashboard.render.share;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code bars} chart that a page hands to {@code charts.js} in its {@code data-chart}
 * attribute, read back so that the embed's table and the server-drawn images show exactly
 * the numbers the page's chart shows.
 */
record ChartSpec(List<String> labels, List<Series> series, String yTitle, String nLabel) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final ChartSpec EMPTY = new ChartSpec(List.of(), List.of(), null, null);

	/**
	 * One series: a rate (0..1, null for no rate), its 95% interval and n per label;
	 * colours per bar or one.
	 */
	record Series(String label, List<Double> values, List<Double> low, List<Double> high, List<Long> n,
			List<String> colors) {

		String colorAt(int index, String fallback) {
			if (this.colors.isEmpty()) {
				return fallback;
			}
			return this.colors.get(Math.min(index, this.colors.size() - 1));
		}

	}

	static ChartSpec parse(String json) {
		if (json == null || json.isBlank()) {
			return EMPTY;
		}
		JsonNode root = JSON.readTree(json);
		List<String> labels = new ArrayList<>();
		root.path("labels").forEach((label) -> labels.add(label.asString()));
		List<Series> series = new ArrayList<>();
		for (JsonNode one : root.path("series")) {
			List<String> colors = new ArrayList<>();
			JsonNode color = one.path("color");
			if (color.isArray()) {
				color.forEach((c) -> colors.add(c.asString()));
			}
			else if (color.isString()) {
				colors.add(color.asString());
			}
			series.add(new Series(one.path("label").asString(""), doubles(one.path("values"), labels.size()),
					doubles(one.path("low"), labels.size()), doubles(one.path("high"), labels.size()),
					longs(one.path("n"), labels.size()), colors));
		}
		return new ChartSpec(labels, series, text(root.path("yTitle")), text(root.path("nLabel")));
	}

	/** How many bars the chart draws: one per label and series with a rate. */
	int bars() {
		int bars = 0;
		for (Series one : this.series) {
			bars += (int) one.values().stream().filter((value) -> value != null).count();
		}
		return bars;
	}

	/** The answers behind every bar together. */
	long n() {
		long n = 0;
		for (Series one : this.series) {
			for (Long count : one.n()) {
				n += (count != null) ? count : 0;
			}
		}
		return n;
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	private static List<Double> doubles(JsonNode array, int size) {
		List<Double> out = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			JsonNode value = array.path(i);
			out.add(value.isNumber() ? value.asDouble() : null);
		}
		return out;
	}

	private static List<Long> longs(JsonNode array, int size) {
		List<Long> out = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			JsonNode value = array.path(i);
			out.add(value.isNumber() ? value.asLong() : null);
		}
		return out;
	}

}
