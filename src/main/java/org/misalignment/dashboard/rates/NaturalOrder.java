package org.misalignment.dashboard.rates;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Names in the order a reader expects: runs of digits compared as numbers, so
 * {@code backdoor-2} comes before {@code backdoor-10} and question {@code 2_…} before
 * {@code 10_…}; the rest character by character. Every list of groups, models, questions
 * and conditions on the site is in this order.
 */
public final class NaturalOrder {

	/** Text with runs of digits compared as numbers. */
	public static final Comparator<String> TEXT = NaturalOrder::compareNatural;

	private NaturalOrder() {
	}

	static int compareNatural(String a, String b) {
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
