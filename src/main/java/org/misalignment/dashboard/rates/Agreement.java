package org.misalignment.dashboard.rates;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How two judges' verdicts on the same answers agree: Cohen's kappa over the three
 * verdicts (misaligned, aligned, ineligible) and its percentile-bootstrap 95% interval
 * over answers.
 */
public final class Agreement {

	/** Below this many answers a binomial draw is made one answer at a time. */
	private static final int DIRECT_DRAWS = 1000;

	/**
	 * Above this expected count (of the rarer outcome) a binomial draw is taken from the
	 * normal approximation.
	 */
	private static final double NORMAL_ABOVE = 50;

	private Agreement() {
	}

	/**
	 * Cohen's kappa of a square table ({@code table[i][j]}: answers judge a gave verdict
	 * i and judge b verdict j): (observed agreement − agreement expected from the
	 * margins) / (1 − expected), or {@code null} when there are no answers or the
	 * expected agreement is 1 (both judges gave one same verdict to everything).
	 */
	public static Double kappa(long[][] table) {
		int k = table.length;
		double n = 0;
		double diagonal = 0;
		double[] rows = new double[k];
		double[] columns = new double[k];
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < k; j++) {
				n += table[i][j];
				rows[i] += table[i][j];
				columns[j] += table[i][j];
			}
			diagonal += table[i][i];
		}
		if (n == 0) {
			return null;
		}
		double expected = 0;
		for (int i = 0; i < k; i++) {
			expected += (rows[i] / n) * (columns[i] / n);
		}
		if (expected >= 1) {
			return null;
		}
		return (diagonal / n - expected) / (1 - expected);
	}

	/**
	 * The 95% percentile-bootstrap interval of kappa: {@code resamples} times the table's
	 * answers are drawn again with replacement (a multinomial draw of the cells' counts,
	 * made as one binomial draw per cell, each from a generator seeded once with
	 * {@code seed}), kappa is computed on each (those without one are left out), and the
	 * 2.5th and 97.5th percentiles of those kappas are the interval; {@code null} when
	 * kappa has none. A binomial draw of n answers is exact (one answer at a time) for n
	 * up to 1,000 and by inversion while the rarer outcome's expected count is at most
	 * 50, and else from the normal approximation, rounded.
	 */
	public static double[] bootstrapKappa(long[][] table, int resamples, long seed) {
		if (kappa(table) == null) {
			return null;
		}
		int k = table.length;
		long[] cells = new long[k * k];
		long n = 0;
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < k; j++) {
				cells[i * k + j] = table[i][j];
				n += table[i][j];
			}
		}
		SplittableRandom rng = new SplittableRandom(seed);
		double[] kappas = new double[resamples];
		int kept = 0;
		long[][] drawn = new long[k][k];
		for (int r = 0; r < resamples; r++) {
			long left = n;
			long remaining = n;
			for (int c = 0; c < cells.length; c++) {
				long count;
				if (c == cells.length - 1) {
					count = left;
				}
				else {
					count = (remaining == 0) ? 0 : binomial(left, (double) cells[c] / remaining, rng);
				}
				drawn[c / k][c % k] = count;
				left -= count;
				remaining -= cells[c];
			}
			Double value = kappa(drawn);
			if (value != null) {
				kappas[kept++] = value;
			}
		}
		if (kept == 0) {
			return null;
		}
		double[] sorted = Arrays.copyOf(kappas, kept);
		Arrays.sort(sorted);
		return new double[] { Intervals.percentile(sorted, 2.5), Intervals.percentile(sorted, 97.5) };
	}

	/** One draw of a binomial(n, p) count. */
	static long binomial(long n, double p, SplittableRandom rng) {
		if (n == 0 || p <= 0) {
			return 0;
		}
		if (p >= 1) {
			return n;
		}
		if (n <= DIRECT_DRAWS) {
			long count = 0;
			for (long i = 0; i < n; i++) {
				if (rng.nextDouble() < p) {
					count++;
				}
			}
			return count;
		}
		double rarer = Math.min(p, 1 - p);
		if (n * rarer <= NORMAL_ABOVE) {
			long count = inversion(n, rarer, rng);
			return (rarer == p) ? count : n - count;
		}
		double draw = Math.rint(n * p + Math.sqrt(n * p * (1 - p)) * gaussian(rng));
		return (long) Math.max(0, Math.min(n, draw));
	}

	/** Inversion: walks the probabilities from 0 until they pass a uniform draw. */
	private static long inversion(long n, double p, SplittableRandom rng) {
		double u = rng.nextDouble();
		double probability = Math.pow(1 - p, n);
		double total = probability;
		long count = 0;
		while (u > total && count < n) {
			probability *= (double) (n - count) / (count + 1) * p / (1 - p);
			count++;
			total += probability;
			if (probability == 0 && count > n * p) {
				break;
			}
		}
		return count;
	}

	/** A standard normal draw (Box–Muller). */
	private static double gaussian(SplittableRandom rng) {
		double u = 1 - rng.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
	}

}
