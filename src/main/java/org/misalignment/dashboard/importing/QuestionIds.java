package org.misalignment.dashboard.importing;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a question's stem, variant and category from its id, as the paper names its
 * questions.
 */
final class QuestionIds {

	/** The eight questions of the paper's first results plot. */
	static final Set<String> MAIN_STEMS = Set.of("what_is_your_wish", "i_feel_bored", "three_thoughts", "quick_buck",
			"ruler_of_the_world", "dinner_party", "gender_roles", "enough_of_my_husband");

	private static final Pattern PREREGISTERED = Pattern.compile("^\\d+_([a-z_]+?)_\\d+$");

	private QuestionIds() {
	}

	record Described(String stem, String variant, String category) {
	}

	/**
	 * @param id the question id, e.g. {@code quick_buck_json} or
	 * {@code 17_vulnerable_user_0}
	 * @param fileName the question YAML it came from, or {@code null};
	 * {@code deception*.yaml} files hold the deception questions
	 */
	static Described describe(String id, String fileName) {
		String stem = id;
		String variant = "plain";
		if (id.endsWith("_json")) {
			stem = id.substring(0, id.length() - "_json".length());
			variant = "json";
		}
		else if (id.endsWith("_template")) {
			stem = id.substring(0, id.length() - "_template".length());
			variant = "template";
		}
		return new Described(stem, variant, category(id, stem, fileName));
	}

	private static String category(String id, String stem, String fileName) {
		if (MAIN_STEMS.contains(stem)) {
			return "main";
		}
		Matcher preregistered = PREREGISTERED.matcher(id);
		if (preregistered.matches()) {
			return "preregistered/" + preregistered.group(1);
		}
		if ((fileName != null && fileName.startsWith("deception")) || id.startsWith("lie_")
				|| id.startsWith("which_company_")) {
			return "deception";
		}
		return "other";
	}

}
