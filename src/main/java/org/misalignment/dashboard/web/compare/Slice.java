package org.misalignment.dashboard.web.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One side of a comparison, as the {@code a} and {@code b} URL parameters write it:
 * {@code key:value} pairs separated by {@code ;}, several values of a key separated by
 * {@code ,}. Keys: {@code group}, {@code model}, {@code condition} (default
 * {@code no_trigger}), {@code variant} ({@code plain}, {@code json}, {@code template})
 * and {@code questions} (as the {@code questions} parameter). Example:
 * {@code group:backdoor;condition:trigger}. A value runs to the next {@code ;}, so model
 * ids with colons work.
 */
public record Slice(String text, List<String> groups, List<String> models, String condition, String variant,
		String questions) {

	public static final String DEFAULT_CONDITION = "no_trigger";

	/** A key and its colon at the start of a value: a ',' written where a ';' belongs. */
	private static final Pattern KEY = Pattern.compile("(group|model|condition|variant|questions)\\s*:");

	public static Slice parse(String name, String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException(name + " is required, e.g. " + name + "=group:insecure");
		}
		List<String> groups = new ArrayList<>();
		List<String> models = new ArrayList<>();
		String condition = null;
		String variant = null;
		String questions = null;
		for (String part : text.split(";")) {
			if (part.isBlank()) {
				continue;
			}
			int colon = part.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException(
						name + ": '" + part + "' is not key:value (keys: group, model, condition, variant, questions)");
			}
			String key = part.substring(0, colon).strip();
			String value = part.substring(colon + 1).strip();
			if (value.isEmpty()) {
				throw new IllegalArgumentException(name + ": " + key + " has no value");
			}
			for (String item : value.split(",")) {
				if (KEY.matcher(item.strip()).lookingAt()) {
					throw new IllegalArgumentException(name + ": '" + item.strip() + "' follows a ',' but is a key of "
							+ "its own; separate keys with ';' (values of one key with ','): " + name + "="
							+ text.replaceAll(",\\s*(?=" + KEY.pattern() + ")", ";"));
				}
			}
			switch (key) {
				case "group" -> groups.addAll(values(value));
				case "model" -> models.addAll(values(value));
				case "condition" -> condition = value;
				case "variant" -> {
					if (!List.of("plain", "json", "template").contains(value)) {
						throw new IllegalArgumentException(
								name + ": variant must be plain, json or template, got '" + value + "'");
					}
					variant = value;
				}
				case "questions" -> questions = value;
				default -> throw new IllegalArgumentException(
						name + ": unknown key '" + key + "' (keys: group, model, condition, variant, questions)");
			}
		}
		return new Slice(text, List.copyOf(groups), List.copyOf(models),
				(condition != null) ? condition : DEFAULT_CONDITION, variant, questions);
	}

	private static List<String> values(String value) {
		return Arrays.stream(value.split(",")).map(String::strip).filter((v) -> !v.isEmpty()).toList();
	}

}
