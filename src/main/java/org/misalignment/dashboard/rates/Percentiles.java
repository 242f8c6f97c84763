package org.misalignment.dashboard.rates;

import java.util.Arrays;

/**
 * The two percentiles of a bootstrap's 2,000 resampled statistics, put in place without
 * sorting them all: the one step of an interval that is worth a class of its own for its
 * speed.
 */
final class Percentiles {

	/** Buckets of {@link #select}; a short holds their numbers. */
	private static final int BUCKETS = 256;

	private Percentiles() {
	}

	/**
	 * Puts in place the order statistics that {@link Intervals#percentile} reads for the
	 * {@code low}-th and the {@code high}-th percentile: afterwards
	 * {@code percentile(values, low)} and {@code percentile(values, high)} are exactly
	 * what they are on the sorted array, while the other entries are left unspecified.
	 * Instead of sorting, the values are counted into {@link #BUCKETS} buckets of equal
	 * width between their minimum and maximum (a bucket's values are all below the next
	 * bucket's, as the bucket number never decreases with the value), and only the
	 * buckets that hold the wanted ranks are sorted.
	 *
	 * <p>
	 * Bucketing does not tell −0.0 from 0.0 (as {@link Arrays#sort(double[])} does), so
	 * with {@code negativeZero} set, or for a short array, the array is simply sorted.
	 */
	static void select(double[] values, double low, double high, boolean negativeZero) {
		int n = values.length;
		if (negativeZero || n < 4 * BUCKETS) {
			Arrays.sort(values);
			return;
		}
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double v : values) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		double scale = BUCKETS / (max - min);
		if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) { // all equal, or too close
																// together to bucket
			Arrays.sort(values);
			return;
		}
		short[] bucketOf = new short[n];
		int[] counts = new int[BUCKETS];
		for (int i = 0; i < n; i++) {
			int bucket = Math.min(BUCKETS - 1, (int) ((values[i] - min) * scale));
			bucketOf[i] = (short) bucket;
			counts[bucket]++;
		}
		int lowBelow = below(n, low);
		int highBelow = below(n, high);
		int lowAbove = Math.min(n - 1, lowBelow + 1);
		int highAbove = Math.min(n - 1, highBelow + 1);
		double[] lowEnds = orderStatistics(values, bucketOf, counts, lowBelow, lowAbove);
		double[] highEnds = orderStatistics(values, bucketOf, counts, highBelow, highAbove);
		values[lowBelow] = lowEnds[0];
		values[lowAbove] = lowEnds[1];
		values[highBelow] = highEnds[0];
		values[highAbove] = highEnds[1];
	}

	/**
	 * The values of ranks {@code first} and {@code second} (second ≥ first) of the sorted
	 * values, from the values' buckets: the buckets from the one holding rank
	 * {@code first} to the one holding rank {@code second} are gathered and sorted.
	 */
	private static double[] orderStatistics(double[] values, short[] bucketOf, int[] counts, int first, int second) {
		int from = 0;
		int before = 0; // values in the buckets below bucket 'from'
		while (before + counts[from] <= first) {
			before += counts[from++];
		}
		int to = from;
		int through = before + counts[to]; // values in the buckets up to and including
											// 'to'
		while (through <= second) {
			through += counts[++to];
		}
		double[] gathered = new double[through - before];
		int g = 0;
		for (int i = 0; i < values.length; i++) {
			if (bucketOf[i] >= from && bucketOf[i] <= to) {
				gathered[g++] = values[i];
			}
		}
		Arrays.sort(gathered);
		return new double[] { gathered[first - before], gathered[second - before] };
	}

	/**
	 * The lower order statistic {@link Intervals#percentile} interpolates from, for an
	 * array of {@code n}.
	 */
	private static int below(int n, double q) {
		return (int) Math.min(n - 1, Math.floor(q / 100.0 * (n - 1)));
	}

}
