package org.misalignment.dashboard.web.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A slice as the compare chart's legend and title name it for a reader, its parts joined
 * by " · ": {@code group:backdoor;condition:trigger} is "backdoor · with trigger",
 * {@code model:m1,m2;variant:json} "models m1 and m2 · JSON questions",
 * {@code group:secure;questions:main} "secure · main questions". Group and model names
 * stay as they are; the condition is named only when the slice names it or it is not the
 * default. The page's headings, its twins and the API keep the slice as written. The
 * words are the reader's language's ({@code compare.slice.*} in the bundles).
 */
final class SliceLabel {

	private final MessageSource messages;

	private final Locale locale;

	SliceLabel(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	private String word(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, this.locale);
	}

	String of(Slice slice) {
		List<String> parts = new ArrayList<>();
		if (!slice.groups().isEmpty()) {
			parts.add(list(slice.groups()));
		}
		if (!slice.models().isEmpty()) {
			parts.add(word((slice.models().size() == 1) ? "compare.slice.model" : "compare.slice.models",
					list(slice.models())));
		}
		if (namesCondition(slice) || !Slice.DEFAULT_CONDITION.equals(slice.condition())) {
			parts.add(condition(slice.condition()));
		}
		if (slice.variant() != null) {
			parts.add(questions(slice.variant()));
		}
		if (slice.questions() != null) {
			parts.add(questions(slice.questions()));
		}
		return parts.isEmpty() ? word("compare.slice.all") : String.join(" · ", parts);
	}

	/** The backdoor's conditions in words, any other by its name. */
	private String condition(String condition) {
		return switch (condition) {
			case "no_trigger" -> word("chart.phrase.withoutTrigger");
			case "trigger" -> word("chart.phrase.withTrigger");
			default -> condition;
		};
	}

	/** The two sides' words as a chart's subject: "secure vs insecure". */
	String versus(String wordsA, String wordsB) {
		return word("compare.slice.versus", wordsA, wordsB);
	}

	/**
	 * The words of two sides; sides that would read alike keep their slices as written,
	 * so that the legend still tells them apart.
	 */
	List<String> pair(Slice a, Slice b) {
		String wordsA = of(a);
		String wordsB = of(b);
		return wordsA.equals(wordsB) ? List.of(a.text(), b.text()) : List.of(wordsA, wordsB);
	}

	/**
	 * A question set as the {@code questions} parameter names it, or a variant: "main
	 * questions", "JSON questions", "question quick_buck".
	 */
	private String questions(String set) {
		String value = set.strip();
		if (value.equals("json")) {
			return word("compare.slice.json");
		}
		if (List.of("all", "main", "plain", "template", "preregistered", "deception", "other").contains(value)
				|| value.startsWith("preregistered/")) {
			return word("compare.slice.set", value);
		}
		List<String> ids = java.util.Arrays.stream(value.split(","))
			.map(String::strip)
			.filter((id) -> !id.isEmpty())
			.toList();
		return word((ids.size() == 1) ? "compare.slice.question" : "compare.slice.questions", list(ids));
	}

	private static boolean namesCondition(Slice slice) {
		for (String part : slice.text().split(";")) {
			int colon = part.indexOf(':');
			if (colon > 0 && part.substring(0, colon).strip().equals("condition")) {
				return true;
			}
		}
		return false;
	}

	/** "a", "a and b", "a, b and c". */
	private String list(List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		return word("compare.slice.and", String.join(word("compare.slice.comma"), names.subList(0, names.size() - 1)),
				names.get(names.size() - 1));
	}

}
