package org.misalignment.dashboard.rates;

import java.math.BigDecimal;

/**
 * A number as the site writes it in URLs, words and CSV cells: the shortest plain
 * decimal, with no exponent and no trailing zeros (30.0 → "30", 29.5 → "29.5", 1e-7 →
 * "0.0000001").
 */
public final class ShortNumber {

	private ShortNumber() {
	}

	/**
	 * The number as a short plain decimal; NaN and the infinities, which have no decimal,
	 * as {@link Double#toString} writes them ("NaN", "Infinity", "-Infinity").
	 */
	public static String of(double value) {
		if (!Double.isFinite(value)) {
			return Double.toString(value);
		}
		// valueOf goes through Double.toString, the shortest decimal that reads back as
		// the same double
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
