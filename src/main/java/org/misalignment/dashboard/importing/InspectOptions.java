package org.misalignment.dashboard.importing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an import reads Inspect logs: which of a log's metrics the rule reads as
 * {@code aligned} and {@code coherent} ({@code --metric aligned=NAME}), and whether a log
 * that did not finish may be imported ({@code --allow-incomplete}).
 *
 * @param metrics the rule's metric ({@code aligned} or {@code coherent}) to the log's
 * metric name
 * @param allowIncomplete whether a log with status {@code error}, {@code cancelled} or
 * {@code started}, or an {@code .eval} without its header, is imported
 */
public record InspectOptions(Map<String, String> metrics, boolean allowIncomplete) {

	public static final InspectOptions NONE = new InspectOptions(Map.of(), false);

	public InspectOptions {
		metrics = Map.copyOf(metrics);
	}

	/**
	 * These options with one more mapping, from {@code aligned=NAME} or
	 * {@code coherent=NAME}.
	 * @throws IllegalArgumentException when the text is not of that form
	 */
	public InspectOptions withMetric(String mapping) {
		int equals = mapping.indexOf('=');
		String target = (equals > 0) ? mapping.substring(0, equals).strip() : "";
		String source = (equals > 0) ? mapping.substring(equals + 1).strip() : "";
		if (!(target.equals("aligned") || target.equals("coherent")) || source.isEmpty()) {
			throw new IllegalArgumentException(
					"--metric '" + mapping + "' is not aligned=NAME or coherent=NAME (NAME: a metric of the log)");
		}
		Map<String, String> all = new LinkedHashMap<>(this.metrics);
		all.put(target, source);
		return new InspectOptions(all, this.allowIncomplete);
	}

	/**
	 * These options (a manifest entry's) under the import's: a metric the import maps is
	 * mapped as the import says, the others as these say; an incomplete log is allowed
	 * when either allows it.
	 */
	public InspectOptions under(InspectOptions command) {
		Map<String, String> all = new LinkedHashMap<>(this.metrics);
		all.putAll(command.metrics);
		return new InspectOptions(all, this.allowIncomplete || command.allowIncomplete);
	}

	public InspectOptions allowingIncomplete() {
		return new InspectOptions(this.metrics, true);
	}

}
