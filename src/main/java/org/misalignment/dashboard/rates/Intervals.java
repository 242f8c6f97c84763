package org.misalignment.dashboard.rates;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** 95% confidence intervals used by the rate tables. */
public final class Intervals {

	/** Number of bootstrap resamples for group intervals. */
	public static final int BOOTSTRAP_RESAMPLES = 2000;

	/**
	 * Seed of every bootstrap interval; each interval starts a fresh generator with it.
	 */
	public static final long BOOTSTRAP_SEED = 20250224L;

	/** Two-sided 95% normal quantile. */
	public static final double Z95 = 1.959963984540054;

	/**
	 * The percentiles of the resampled statistic that bound the 95% bootstrap intervals.
	 */
	private static final double LOW_PERCENTILE = 2.5;

	private static final double HIGH_PERCENTILE = 97.5;

	private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

	/**
	 * Up to this many values, the bootstrap's draws come from {@link #draws(int)}; about
	 * 4 MB in all.
	 */
	static final int MAX_TABLED_VALUES = 64;

	private static final AtomicReferenceArray<byte[]> DRAWS = new AtomicReferenceArray<>(MAX_TABLED_VALUES + 1);

	/**
	 * What the kept intervals may weigh in all, in bytes: 2.5 MB, some 4,000 intervals of
	 * {@link #MAX_TABLED_VALUES} values or 27,000 of two (an overview asks for a few
	 * hundred).
	 */
	static final long BOOTSTRAPPED_BYTES = 2_621_440;

	/**
	 * What an interval weighs besides its values' 8 bytes each: key, arrays' headers, the
	 * two ends, the entry.
	 */
	private static final int BYTES_PER_INTERVAL = 96;

	/**
	 * Cache {@code bootstrap-intervals}: intervals by the values they came from,
	 * {@link #BOOTSTRAPPED_BYTES} in all; losing one costs only its recomputation.
	 *
	 * <p>
	 * The values (in order) are all such an interval depends on, so a re-import or
	 * another rule that changes a value is another key, and an entry is never stale.
	 * Bounded by weight, as a key holds 2 to {@link #MAX_TABLED_VALUES} values. Reads
	 * take no lock.
	 */
	private static final Cache<Values, double[]> BOOTSTRAPPED = Caffeine.newBuilder()
		.maximumWeight(BOOTSTRAPPED_BYTES)
		.weigher((Values key, double[] interval) -> weight(key.values().length))
		.recordStats()
		.build();

	private Intervals() {
	}

	/**
	 * Wilson score interval (95%) for a binomial proportion.
	 *
	 * <p>
	 * With p = successes/trials, n = trials, z = {@link #Z95}: centre = (p + z²/2n) / (1
	 * + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n). The lower end is exactly
	 * 0 when {@code successes == 0}, the upper end exactly 1 when
	 * {@code successes == trials}; otherwise the ends are clamped to [0, 1] against
	 * rounding.
	 * @return {low, high}, or null when {@code trials == 0}
	 * @throws IllegalArgumentException unless {@code 0 <= successes <= trials}
	 */
	public static double[] wilson(long successes, long trials) {
		if (trials < 0 || successes < 0 || successes > trials) {
			throw new IllegalArgumentException(
					"wilson needs 0 <= successes <= trials, got successes=" + successes + ", trials=" + trials);
		}
		if (trials == 0) {
			return null;
		}
		double n = trials;
		double p = successes / n;
		double z2 = Z95 * Z95;
		double denominator = 1 + z2 / n;
		double centre = (p + z2 / (2 * n)) / denominator;
		double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
		// the ends are exactly 0 with no successes and exactly 1 with no failures
		double low = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
		double high = successes == trials ? 1.0 : Math.min(1.0, centre + half);
		return new double[] { low, high };
	}

	/**
	 * Percentile bootstrap interval (95%) of the mean, with {@link #BOOTSTRAP_RESAMPLES}
	 * resamples and a generator freshly seeded with {@link #BOOTSTRAP_SEED}, so the
	 * result depends only on {@code values} (including their order). Intervals of up to
	 * {@link #MAX_TABLED_VALUES} values are kept by those values (see
	 * {@link #BOOTSTRAPPED}), so asking again costs a look-up.
	 *
	 * @see #bootstrapMean(double[], int, long)
	 */
	public static double[] bootstrapMean(double[] values) {
		Objects.requireNonNull(values, "values");
		if (values.length < 2 || values.length > MAX_TABLED_VALUES) {
			return bootstrapMean(values, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
		}
		Values key = new Values(values.clone());
		double[] interval = BOOTSTRAPPED.getIfPresent(key);
		if (interval == null) {
			// computed outside the cache's locks: two threads may compute one interval,
			// which is the same twice
			interval = bootstrapMean(key.values, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
			if (interval != null) {
				BOOTSTRAPPED.put(key, interval);
			}
		}
		return (interval != null) ? interval.clone() : null;
	}

	/**
	 * Percentile bootstrap interval (95%) of the mean.
	 *
	 * <p>
	 * Algorithm (exactly): {@code rng = new SplittableRandom(seed)}; for each of the
	 * {@code resamples} resamples, draw {@code n} indices with {@code rng.nextInt(n)} in
	 * turn and take the mean (sum in draw order, divided by n) of the values at those
	 * indices; sort the resample means and take their 2.5th and 97.5th percentiles with
	 * linear interpolation between order statistics (numpy's default {@code percentile}
	 * method, see {@link #percentile}). When all values are equal the interval is {v, v}
	 * without resampling; the ends are clamped to [min, max] of the values against
	 * rounding.
	 *
	 * <p>
	 * It is computed faster than written, with the same result bit for bit: with the
	 * default resamples and seed the draws come from a table ({@link #draws(int)}), and
	 * the means are not sorted, only the four order statistics the percentiles read are
	 * found ({@link Percentiles#select}).
	 * @return {low, high}; null for an empty array; {v, v} for a single value
	 * @throws IllegalArgumentException when {@code resamples < 1} or a value is not
	 * finite
	 */
	public static double[] bootstrapMean(double[] values, int resamples, long seed) {
		Objects.requireNonNull(values, "values");
		if (resamples < 1) {
			throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
		}
		int n = values.length;
		if (n == 0) {
			return null;
		}
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double v : values) {
			if (!Double.isFinite(v)) {
				throw new IllegalArgumentException("bootstrap values must be finite, got " + v);
			}
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		if (min == max) {
			return new double[] { min, max };
		}
		double[] means = new double[resamples];
		boolean negativeZero = false;
		byte[] draws = (resamples == BOOTSTRAP_RESAMPLES && seed == BOOTSTRAP_SEED) ? draws(n) : null;
		if (draws != null) {
			// four resamples side by side, each summed in its own draw order, so that the
			// additions overlap
			int r = 0;
			for (; r + 4 <= resamples; r += 4) {
				int d = r * n;
				double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
				for (int i = 0; i < n; i++, d++) {
					sum0 += values[draws[d]];
					sum1 += values[draws[d + n]];
					sum2 += values[draws[d + 2 * n]];
					sum3 += values[draws[d + 3 * n]];
				}
				means[r] = sum0 / n;
				means[r + 1] = sum1 / n;
				means[r + 2] = sum2 / n;
				means[r + 3] = sum3 / n;
			}
			for (int d = r * n; r < resamples; r++) {
				double sum = 0;
				for (int i = 0; i < n; i++) {
					sum += values[draws[d++]];
				}
				means[r] = sum / n;
			}
			for (double mean : means) {
				negativeZero |= Double.doubleToRawLongBits(mean) == NEGATIVE_ZERO;
			}
		}
		else {
			SplittableRandom rng = new SplittableRandom(seed);
			for (int r = 0; r < resamples; r++) {
				double sum = 0;
				for (int i = 0; i < n; i++) {
					sum += values[rng.nextInt(n)];
				}
				double mean = sum / n;
				negativeZero |= Double.doubleToRawLongBits(mean) == NEGATIVE_ZERO;
				means[r] = mean;
			}
		}
		Percentiles.select(means, LOW_PERCENTILE, HIGH_PERCENTILE, negativeZero);
		double low = percentile(means, LOW_PERCENTILE);
		double high = percentile(means, HIGH_PERCENTILE);
		return new double[] { clamp(low, min, max), clamp(high, min, max) };
	}

	/**
	 * The indices {@link #bootstrapMean(double[])} draws for {@code n} values, in draw
	 * order: they depend only on {@code n}, since the generator starts afresh from
	 * {@link #BOOTSTRAP_SEED}, so they are drawn once per {@code n} and kept
	 * ({@link #BOOTSTRAP_RESAMPLES} × n bytes, for n up to {@link #MAX_TABLED_VALUES}).
	 * @return null when {@code n} is above {@link #MAX_TABLED_VALUES}
	 */
	private static byte[] draws(int n) {
		if (n > MAX_TABLED_VALUES) {
			return null;
		}
		byte[] table = DRAWS.get(n);
		if (table == null) {
			SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
			table = new byte[BOOTSTRAP_RESAMPLES * n];
			for (int d = 0; d < table.length; d++) {
				table[d] = (byte) rng.nextInt(n);
			}
			DRAWS.set(n, table); // a race only draws the same table twice
		}
		return table;
	}

	/**
	 * Percentile bootstrap interval (95%) of {@code mean(b) − mean(a)} for two
	 * independent samples: each resample draws a with replacement from its own generator
	 * ({@code seed}) and b from another ({@code seed + 1}), so the interval depends only
	 * on the values and their order.
	 * @return {low, high}; null when either side is empty
	 */
	public static double[] bootstrapDifference(double[] a, double[] b) {
		Objects.requireNonNull(a, "a");
		Objects.requireNonNull(b, "b");
		if (a.length == 0 || b.length == 0) {
			return null;
		}
		SplittableRandom rngA = new SplittableRandom(BOOTSTRAP_SEED);
		SplittableRandom rngB = new SplittableRandom(BOOTSTRAP_SEED + 1);
		double[] differences = new double[BOOTSTRAP_RESAMPLES];
		boolean negativeZero = false;
		for (int r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
			double difference = resampledMean(b, rngB) - resampledMean(a, rngA);
			negativeZero |= Double.doubleToRawLongBits(difference) == NEGATIVE_ZERO;
			differences[r] = difference;
		}
		Percentiles.select(differences, LOW_PERCENTILE, HIGH_PERCENTILE, negativeZero);
		return new double[] { percentile(differences, LOW_PERCENTILE), percentile(differences, HIGH_PERCENTILE) };
	}

	private static double resampledMean(double[] values, SplittableRandom rng) {
		double sum = 0;
		for (int i = 0; i < values.length; i++) {
			sum += values[rng.nextInt(values.length)];
		}
		return sum / values.length;
	}

	/**
	 * A 95% interval for {@code pB − pA} from the two estimates' own intervals, treated
	 * as independent (the "method of variance estimates recovery", Newcombe's hybrid
	 * score interval when both are Wilson intervals):
	 * {@code d − √((pB − lB)² + (uA − pA)²)} to {@code d + √((uB − pB)² + (pA − lA)²)}.
	 */
	public static double[] differenceOfIntervals(double pA, double[] a, double pB, double[] b) {
		double d = pB - pA;
		double low = d - Math.sqrt(square(pB - b[0]) + square(a[1] - pA));
		double high = d + Math.sqrt(square(b[1] - pB) + square(pA - a[0]));
		return new double[] { low, high };
	}

	private static double square(double v) {
		return v * v;
	}

	/**
	 * The {@code q}-th percentile (0..100) of an ascending array, interpolating linearly
	 * between the order statistics around position {@code q/100 · (n − 1)} (numpy's
	 * default method).
	 */
	public static double percentile(double[] sorted, double q) {
		Objects.requireNonNull(sorted, "sorted");
		if (sorted.length == 0) {
			throw new IllegalArgumentException("percentile of an empty array");
		}
		if (!(q >= 0 && q <= 100)) {
			throw new IllegalArgumentException("percentile must be between 0 and 100, got " + q);
		}
		double position = q / 100.0 * (sorted.length - 1);
		int below = (int) Math.floor(position);
		if (below >= sorted.length - 1) {
			return sorted[sorted.length - 1];
		}
		double fraction = position - below;
		return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
	}

	private static double clamp(double v, double min, double max) {
		return Math.max(min, Math.min(max, v));
	}

	/**
	 * The intervals {@link #bootstrapMean(double[])} keeps, for their hit statistics (an
	 * application registers them with its metrics as {@code bootstrap-intervals});
	 * nothing can be put in through this type.
	 */
	public static Cache<?, ?> bootstrappedIntervals() {
		return BOOTSTRAPPED;
	}

	/**
	 * How many intervals {@link #bootstrapMean(double[])} keeps now, once pending
	 * evictions are done.
	 */
	static long bootstrappedSize() {
		BOOTSTRAPPED.cleanUp();
		return BOOTSTRAPPED.estimatedSize();
	}

	/** What the kept intervals weigh now, in bytes, once pending evictions are done. */
	static long bootstrappedWeight() {
		BOOTSTRAPPED.cleanUp();
		return BOOTSTRAPPED.policy().eviction().orElseThrow().weightedSize().orElseThrow();
	}

	/** What an interval of this many values weighs in {@link #BOOTSTRAPPED}, in bytes. */
	static int weight(int values) {
		return BYTES_PER_INTERVAL + 8 * values;
	}

	/**
	 * Values compared bit for bit (as {@link Arrays#equals(double[], double[])} does), in
	 * order.
	 */
	private record Values(double[] values) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Values that && Arrays.equals(this.values, that.values);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.values);
		}

	}

}
