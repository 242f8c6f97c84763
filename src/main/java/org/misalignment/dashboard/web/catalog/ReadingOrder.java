package org.misalignment.dashboard.web.catalog;

import java.util.Comparator;
import java.util.List;

import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.store.catalog.Question;

/**
 * The order in which pages list things for a reader: {@code insecure-2} before
 * {@code insecure-10}, main questions before pre-registered ones, a plain question before
 * its json and template variants.
 */
final class ReadingOrder {

	/** Text with runs of digits compared as numbers. */
	static final Comparator<String> NATURAL = NaturalOrder.TEXT;

	/**
	 * main, then preregistered/* by subcategory, deception, other, then anything else by
	 * name.
	 */
	static final Comparator<String> CATEGORY = Comparator.comparingInt(ReadingOrder::categoryRank)
		.thenComparing(NATURAL);

	private static final List<String> VARIANTS = List.of("plain", "json", "template");

	/** By category, then stem, then variant (plain, json, template). */
	static final Comparator<Question> QUESTION = Comparator.comparing(Question::getCategory, CATEGORY)
		.thenComparing(Question::getStem, NATURAL)
		.thenComparingInt((question) -> variantRank(question.getVariant()))
		.thenComparing(Question::getQuestionId, NATURAL);

	private ReadingOrder() {
	}

	static int variantRank(String variant) {
		int rank = VARIANTS.indexOf(variant);
		return rank < 0 ? VARIANTS.size() : rank;
	}

	private static int categoryRank(String category) {
		if (category.equals("main")) {
			return 0;
		}
		if (category.startsWith("preregistered/") || category.equals("preregistered")) {
			return 1;
		}
		if (category.equals("deception")) {
			return 2;
		}
		return category.equals("other") ? 3 : 4;
	}

}
