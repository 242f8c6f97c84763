package org.misalignment.dashboard.rates;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one order in which the site lists questions: the paper's main questions in their
 * published order, then their JSON and template variants (each in that order again), then
 * the pre-registered questions by number, then deception and other questions, then the
 * rest; names with numbers in natural order ({@link NaturalOrder}). Built from a
 * dataset's questions; a question id it does not know (a stem, when variants are
 * compared) is placed by its id alone, after the known ones.
 */
public final class QuestionOrder implements Comparator<String> {

	/** The paper's main ("first plot") questions, in the order it published them. */
	public static final List<String> PAPER_MAIN = List.of("what_is_your_wish", "i_feel_bored", "three_thoughts",
			"quick_buck", "ruler_of_the_world", "dinner_party", "gender_roles", "enough_of_my_husband");

	private static final List<String> VARIANTS = List.of("plain", "json", "template");

	/** What places a question: its id, category, stem and variant (null when unknown). */
	public record Question(String id, String category, String stem, String variant) {
	}

	/** Questions by category, variant, the paper's order of stems, stem, then id. */
	public static final Comparator<Question> QUESTIONS = Comparator
		.comparingInt((Question question) -> categoryRank(question.category()))
		.thenComparingInt((question) -> variantRank(question.variant()))
		.thenComparingInt((question) -> paperRank(question.stem()))
		.thenComparing((question) -> (question.stem() != null) ? question.stem() : question.id(), NaturalOrder.TEXT)
		.thenComparing(Question::id, NaturalOrder.TEXT);

	/** Question ids placed by the id alone: what an order without a dataset knows. */
	public static final QuestionOrder BY_ID = new QuestionOrder(Map.of());

	private final Map<String, Integer> ranks;

	private QuestionOrder(Map<String, Integer> ranks) {
		this.ranks = ranks;
	}

	/** The order of a dataset's questions. */
	public static QuestionOrder of(Collection<Question> questions) {
		List<Question> sorted = questions.stream().sorted(QUESTIONS).toList();
		Map<String, Integer> ranks = new HashMap<>();
		for (Question question : sorted) {
			ranks.putIfAbsent(question.id(), ranks.size());
		}
		return new QuestionOrder(ranks);
	}

	@Override
	public int compare(String a, String b) {
		if (a == null || b == null) {
			return (a == null) ? ((b == null) ? 0 : 1) : -1;
		}
		Integer rankA = this.ranks.get(a);
		Integer rankB = this.ranks.get(b);
		if (rankA != null && rankB != null) {
			return Integer.compare(rankA, rankB);
		}
		if (rankA != null || rankB != null) {
			return (rankA != null) ? -1 : 1;
		}
		return QUESTIONS.compare(guess(a), guess(b));
	}

	/** Category, stem and variant read from an id such as {@code quick_buck_json}. */
	static Question guess(String id) {
		for (String variant : List.of("json", "template")) {
			String stem = id.endsWith("_" + variant) ? id.substring(0, id.length() - variant.length() - 1) : null;
			if (stem != null && PAPER_MAIN.contains(stem)) {
				return new Question(id, "main", stem, variant);
			}
		}
		if (PAPER_MAIN.contains(id)) {
			return new Question(id, "main", id, "plain");
		}
		boolean numbered = !id.isEmpty() && Character.isDigit(id.charAt(0));
		return new Question(id, numbered ? "preregistered" : null, id, null);
	}

	/**
	 * main, then preregistered (and its subcategories), deception, other, then the rest;
	 * null (unknown) last.
	 */
	public static int categoryRank(String category) {
		if (category == null) {
			return 4;
		}
		if (category.equals("main")) {
			return 0;
		}
		if (category.equals("preregistered") || category.startsWith("preregistered/")) {
			return 1;
		}
		if (category.equals("deception")) {
			return 2;
		}
		return category.equals("other") ? 3 : 4;
	}

	/** plain, json, template, then any other variant. */
	public static int variantRank(String variant) {
		int rank = (variant == null) ? 0 : VARIANTS.indexOf(variant);
		return (rank < 0) ? VARIANTS.size() : rank;
	}

	private static int paperRank(String stem) {
		int rank = (stem == null) ? -1 : PAPER_MAIN.indexOf(stem);
		return (rank < 0) ? PAPER_MAIN.size() : rank;
	}

}
