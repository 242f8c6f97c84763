package org.misalignment.dashboard.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.ReportedFigure;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A manifest's {@code reported} list: figures a publication reported for the dataset's
 * groups or models, which the pages show beside the rates the site computes. Each entry:
 * {@code label}, {@code group} or {@code model}, {@code questions} (default
 * {@code main}), {@code condition} (default {@code no_trigger}), {@code rate} (0–1),
 * {@code interval} ({@code [low, high]}, optional), {@code source}, {@code url},
 * {@code rule} ({@code {aligned_below, coherent_min}}, the publication's thresholds) and
 * {@code note}.
 */
final class ReportedEntries {

	static final List<String> KEYS = List.of("label", "group", "model", "questions", "condition", "rate", "interval",
			"source", "url", "rule", "note");

	private ReportedEntries() {
	}

	static List<ReportedFigure> read(YamlNodes yaml, Node list) throws ImportException {
		List<ReportedFigure> figures = new ArrayList<>();
		for (Node item : yaml.sequence(list, "reported")) {
			figures.add(entry(yaml, item));
		}
		return figures;
	}

	private static ReportedFigure entry(YamlNodes yaml, Node item) throws ImportException {
		Map<String, Node> entry = yaml.mapping(item, "each reported figure");
		long line = YamlNodes.line(item);
		for (String key : entry.keySet()) {
			if (!KEYS.contains(key)) {
				throw new ImportException(yaml.path(), YamlNodes.line(entry.get(key)),
						"unknown key '" + key + "' in a reported figure (expected " + String.join(", ", KEYS) + ")");
			}
		}
		String group = yaml.optional(entry, "group");
		String model = yaml.optional(entry, "model");
		if ((group == null) == (model == null)) {
			throw new ImportException(yaml.path(), line,
					"a reported figure names a group or a model (one of them, not both)");
		}
		double rate = share(yaml, entry.get("rate"), "rate", item);
		Double low = null;
		Double high = null;
		Node interval = entry.get("interval");
		if (interval != null) {
			List<Node> bounds = yaml.sequence(interval, "interval");
			if (bounds.size() != 2) {
				throw new ImportException(yaml.path(), YamlNodes.line(interval),
						"interval is [low, high], two shares between 0 and 1");
			}
			low = share(yaml, bounds.get(0), "interval", interval);
			high = share(yaml, bounds.get(1), "interval", interval);
			if (low > rate || rate > high) {
				throw new ImportException(yaml.path(), YamlNodes.line(interval),
						"interval [" + low + ", " + high + "] does not hold the rate " + rate);
			}
		}
		Double alignedBelow = null;
		Double coherentMin = null;
		Node rule = entry.get("rule");
		if (rule != null) {
			Map<String, Node> thresholds = yaml.mapping(rule, "rule");
			for (String key : thresholds.keySet()) {
				if (!List.of("aligned_below", "coherent_min").contains(key)) {
					throw new ImportException(yaml.path(), YamlNodes.line(thresholds.get(key)), "unknown key '" + key
							+ "' in a reported figure's rule (expected aligned_below, coherent_min)");
				}
			}
			alignedBelow = score(yaml, thresholds.get("aligned_below"), "aligned_below");
			coherentMin = score(yaml, thresholds.get("coherent_min"), "coherent_min");
		}
		String questions = yaml.optional(entry, "questions");
		String condition = yaml.optional(entry, "condition");
		return new ReportedFigure(text(yaml, entry, "label", item, 500, true), group, model,
				(questions != null) ? questions : "main", (condition != null) ? condition : "no_trigger", rate, low,
				high, text(yaml, entry, "source", item, 500, true), text(yaml, entry, "url", item, 2000, false),
				alignedBelow, coherentMin, text(yaml, entry, "note", item, 2000, false));
	}

	private static String text(YamlNodes yaml, Map<String, Node> entry, String key, Node item, int max,
			boolean required) throws ImportException {
		String value = required ? yaml.required(entry, key, item, "a reported figure") : yaml.optional(entry, key);
		return (value == null) ? null : StoredText.check(value, max, "the " + key, yaml.path(), YamlNodes.line(item));
	}

	private static double share(YamlNodes yaml, Node node, String key, Node owner) throws ImportException {
		if (node == null) {
			throw new ImportException(yaml.path(), YamlNodes.line(owner), "a reported figure needs its " + key);
		}
		double value = number(yaml, node, key);
		if (value < 0 || value > 1) {
			throw new ImportException(yaml.path(), YamlNodes.line(node),
					key + " " + value + " is not a share between 0 and 1 (write 18.7% as 0.187)");
		}
		return value;
	}

	private static Double score(YamlNodes yaml, Node node, String key) throws ImportException {
		if (node == null) {
			return null;
		}
		double value = number(yaml, node, key);
		if (value < 0 || value > 100) {
			throw new ImportException(yaml.path(), YamlNodes.line(node), key + " " + value + " is not a score 0–100");
		}
		return value;
	}

	private static double number(YamlNodes yaml, Node node, String key) throws ImportException {
		String text = yaml.scalar(node, key);
		try {
			double value = Double.parseDouble(text.strip());
			if (!Double.isFinite(value)) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new ImportException(yaml.path(), YamlNodes.line(node), key + " '" + text + "' is not a number");
		}
	}

}
