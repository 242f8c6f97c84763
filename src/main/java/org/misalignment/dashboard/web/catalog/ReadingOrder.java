package org.misalignment.dashboard.web.catalog;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

import org.misalignment.dashboard.store.catalog.Question;

/**
 * The order in which pages list things for a reader: {@code insecure-2} before
 * {@code insecure-10}, main questions before pre-registered ones, a plain question before
 * its json and template variants.
 */
final class ReadingOrder {

	/** Text with runs of digits compared as numbers. */
	static final Comparator<String> NATURAL = ReadingOrder::compareNatural;

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

	private static int compareNatural(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			char x = a.charAt(i);
			char y = b.charAt(j);
			if (isDigit(x) && isDigit(y)) {
				int endA = digitsEnd(a, i);
				int endB = digitsEnd(b, j);
				int byNumber = new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
				if (byNumber != 0) {
					return byNumber;
				}
				i = endA;
				j = endB;
			}
			else {
				if (x != y) {
					return Character.compare(x, y);
				}
				i++;
				j++;
			}
		}
		int byLength = Integer.compare(a.length() - i, b.length() - j);
		return byLength != 0 ? byLength : a.compareTo(b);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int digitsEnd(String text, int start) {
		int end = start;
		while (end < text.length() && isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

}
