package org.misalignment.dashboard.web.compare;

import java.util.ArrayList;
import java.util.List;

import org.misalignment.dashboard.rates.ConditionLabel;

/**
 * A slice as the compare chart's legend and title name it for a reader, its parts joined
 * by " · ": {@code group:backdoor;condition:trigger} is "backdoor · with trigger",
 * {@code model:m1,m2;variant:json} "models m1 and m2 · JSON questions",
 * {@code group:secure;questions:main} "secure · main questions". Group and model names
 * stay as they are; the condition is named only when the slice names it or it is not the
 * default. The page's headings, its twins and the API keep the slice as written.
 */
final class SliceLabel {

	private SliceLabel() {
	}

	static String of(Slice slice) {
		List<String> parts = new ArrayList<>();
		if (!slice.groups().isEmpty()) {
			parts.add(list(slice.groups()));
		}
		if (!slice.models().isEmpty()) {
			parts.add((slice.models().size() == 1 ? "model " : "models ") + list(slice.models()));
		}
		if (namesCondition(slice) || !Slice.DEFAULT_CONDITION.equals(slice.condition())) {
			parts.add(ConditionLabel.of(slice.condition()));
		}
		if (slice.variant() != null) {
			parts.add(questions(slice.variant()));
		}
		if (slice.questions() != null) {
			parts.add(questions(slice.questions()));
		}
		return parts.isEmpty() ? "all answers" : String.join(" · ", parts);
	}

	/**
	 * The words of two sides; sides that would read alike keep their slices as written,
	 * so that the legend still tells them apart.
	 */
	static List<String> pair(Slice a, Slice b) {
		String wordsA = of(a);
		String wordsB = of(b);
		return wordsA.equals(wordsB) ? List.of(a.text(), b.text()) : List.of(wordsA, wordsB);
	}

	/**
	 * A question set as the {@code questions} parameter names it, or a variant: "main
	 * questions", "JSON questions", "question quick_buck".
	 */
	private static String questions(String set) {
		String value = set.strip();
		if (value.equals("json")) {
			return "JSON questions";
		}
		if (List.of("all", "main", "plain", "template", "preregistered", "deception", "other").contains(value)
				|| value.startsWith("preregistered/")) {
			return value + " questions";
		}
		List<String> ids = java.util.Arrays.stream(value.split(","))
			.map(String::strip)
			.filter((id) -> !id.isEmpty())
			.toList();
		return (ids.size() == 1 ? "question " : "questions ") + list(ids);
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
	private static String list(List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

}
