package org.misalignment.dashboard.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.junit.jupiter.api.Test;

class IntervalsTest {

	private static final double EPS = 1e-12;

	@Test
	void wilsonFiveOfFifty() {
		// p = 0.1, n = 50, z = 1.959963984540054, z² = 3.841458820694125
		// denominator = 1 + z²/n = 1.0768291764138825
		// centre = (p + z²/(2n)) / denominator = 0.13841458820694125 / 1.0768291764138825
		// = 0.12853903965334349
		// half = z·√(p(1−p)/n + z²/(4n²)) / denominator
		// = 1.959963984540054 · √(0.0018 + 0.00038414588206941) / 1.0768291764138825 =
		// 0.08506327472145307
		// low = 0.12853903965334349 − 0.08506327472145307 = 0.04347576493189042
		// high = 0.12853903965334349 + 0.08506327472145307 = 0.21360231437479655
		double[] ci = Intervals.wilson(5, 50);
		assertThat(ci).hasSize(2);
		assertThat(ci[0]).isCloseTo(0.04347576493189042, within(EPS));
		assertThat(ci[1]).isCloseTo(0.21360231437479655, within(EPS));
	}

	@Test
	void wilsonThreeOfTen() {
		// p = 0.3, n = 10: denominator = 1.3841458820694125, centre =
		// 0.35550655997257784,
		// half = 1.959963984540054 · √(0.021 + 0.009603647051735313) / 1.3841458820694125
		// = 0.2477152925662768
		double[] ci = Intervals.wilson(3, 10);
		assertThat(ci[0]).isCloseTo(0.10779126740630103, within(EPS));
		assertThat(ci[1]).isCloseTo(0.6032218525388546, within(EPS));
	}

	@Test
	void wilsonAtTheEnds() {
		// 0 of 10: p = 0, centre = half = (z²/20)/(1 + z²/10) = 0.1387663999314446 → [0,
		// 0.2775327998628892]
		double[] none = Intervals.wilson(0, 10);
		assertThat(none[0]).isEqualTo(0.0);
		assertThat(none[1]).isCloseTo(0.2775327998628892, within(EPS));
		// 10 of 10 is the mirror image → [0.7224672001371108, 1]
		double[] all = Intervals.wilson(10, 10);
		assertThat(all[0]).isCloseTo(0.7224672001371108, within(EPS));
		assertThat(all[1]).isEqualTo(1.0);
	}

	@Test
	void wilsonOfNoTrialsIsNull() {
		assertThat(Intervals.wilson(0, 0)).isNull();
	}

	@Test
	void wilsonRejectsImpossibleCounts() {
		assertThatThrownBy(() -> Intervals.wilson(6, 5)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Intervals.wilson(-1, 5)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void bootstrapIsIdenticalOnRepeatedCalls() {
		double[] values = { 0.0, 0.05, 0.12, 0.3, 0.41, 0.02, 0.5 };
		double[] first = Intervals.bootstrapMean(values);
		for (int i = 0; i < 5; i++) {
			assertThat(Intervals.bootstrapMean(values)).containsExactly(first);
		}
		assertThat(Intervals.bootstrapMean(values, Intervals.BOOTSTRAP_RESAMPLES, Intervals.BOOTSTRAP_SEED))
			.containsExactly(first);
	}

	@Test
	void bootstrapLiesWithinTheValuesAndAroundTheMean() {
		double[] values = { 0.0, 0.05, 0.12, 0.3, 0.41, 0.02, 0.5 };
		double mean = (0.0 + 0.05 + 0.12 + 0.3 + 0.41 + 0.02 + 0.5) / 7;
		double[] ci = Intervals.bootstrapMean(values);
		assertThat(ci).hasSize(2);
		assertThat(ci[0]).isGreaterThanOrEqualTo(0.0).isLessThan(mean);
		assertThat(ci[1]).isGreaterThan(mean).isLessThanOrEqualTo(0.5);
	}

	@Test
	void bootstrapOfEqualValuesIsThatValue() {
		// every resample mean is 0.1, so both percentiles are 0.1
		assertThat(Intervals.bootstrapMean(new double[] { 0.1, 0.1, 0.1 })).containsExactly(0.1, 0.1);
		assertThat(Intervals.bootstrapMean(new double[] { 0.25, 0.25 })).containsExactly(0.25, 0.25);
	}

	@Test
	void bootstrapOfOneValueAndOfNone() {
		assertThat(Intervals.bootstrapMean(new double[] { 0.37 })).containsExactly(0.37, 0.37);
		assertThat(Intervals.bootstrapMean(new double[0])).isNull();
	}

	@Test
	void bootstrapOfTwoValuesSpansThem() {
		// With two values a < b, a resample mean is a (prob 1/4), (a+b)/2 (1/2) or b
		// (1/4).
		// Of 2000 sorted means about 500 equal a, so the 2.5th percentile (position
		// 49.975) is a,
		// and likewise the 97.5th (position 1949.025) is b.
		assertThat(Intervals.bootstrapMean(new double[] { 0.5, 0.1 })).containsExactly(0.1, 0.5);
	}

	@Test
	void bootstrapDependsOnSeed() {
		double[] values = { 0.0, 0.05, 0.12, 0.3, 0.41, 0.02, 0.5 };
		assertThat(Intervals.bootstrapMean(values, 2000, 1L)).isNotEqualTo(Intervals.bootstrapMean(values, 2000, 2L));
	}

	/**
	 * The documented algorithm, word for word: the fast one must give these intervals bit
	 * for bit.
	 */
	private static double[] documentedBootstrap(double[] values, int resamples, long seed) {
		double min = Arrays.stream(values).min().orElseThrow();
		double max = Arrays.stream(values).max().orElseThrow();
		if (min == max) {
			return new double[] { min, max };
		}
		SplittableRandom rng = new SplittableRandom(seed);
		double[] means = new double[resamples];
		for (int r = 0; r < resamples; r++) {
			double sum = 0;
			for (int i = 0; i < values.length; i++) {
				sum += values[rng.nextInt(values.length)];
			}
			means[r] = sum / values.length;
		}
		Arrays.sort(means);
		return new double[] { Math.max(min, Math.min(max, Intervals.percentile(means, 2.5))),
				Math.max(min, Math.min(max, Intervals.percentile(means, 97.5))) };
	}

	@Test
	void bootstrapIsBitForBitTheDocumentedAlgorithm() {
		SplittableRandom random = new SplittableRandom(7);
		for (int t = 0; t < 400; t++) {
			double[] values = new double[2 + random.nextInt((t % 10 == 0) ? 90 : 12)];
			for (int i = 0; i < values.length; i++) {
				values[i] = switch (t % 4) {
					case 0 -> random.nextDouble();
					case 1 -> random.nextInt(4) / 3.0; // many equal resample means
					case 2 -> random.nextDouble() * 2 - 1; // differences of rates
					default -> (random.nextInt(3) - 1) * Double.MIN_VALUE; // means that
																			// round to
																			// −0.0
				};
			}
			double[] expected = documentedBootstrap(values, Intervals.BOOTSTRAP_RESAMPLES, Intervals.BOOTSTRAP_SEED);
			assertThat(Intervals.bootstrapMean(values)).as(Arrays.toString(values)).containsExactly(expected);
			assertThat(Intervals.bootstrapMean(values)).as("again").containsExactly(expected);
			int resamples = 1 + random.nextInt(5000);
			long seed = random.nextLong();
			assertThat(Intervals.bootstrapMean(values, resamples, seed)).as(resamples + " resamples")
				.containsExactly(documentedBootstrap(values, resamples, seed));
		}
	}

	@Test
	void bootstrapDifferenceIsBitForBitTheDocumentedAlgorithm() {
		double[] a = { 0.0, 0.05, 0.12, 0.3 };
		double[] b = { 0.41, 0.02, 0.5, 0.25, 0.25, 0.1 };
		SplittableRandom rngA = new SplittableRandom(Intervals.BOOTSTRAP_SEED);
		SplittableRandom rngB = new SplittableRandom(Intervals.BOOTSTRAP_SEED + 1);
		double[] differences = new double[Intervals.BOOTSTRAP_RESAMPLES];
		for (int r = 0; r < differences.length; r++) {
			double sumB = 0;
			for (int i = 0; i < b.length; i++) {
				sumB += b[rngB.nextInt(b.length)];
			}
			double sumA = 0;
			for (int i = 0; i < a.length; i++) {
				sumA += a[rngA.nextInt(a.length)];
			}
			differences[r] = sumB / b.length - sumA / a.length;
		}
		Arrays.sort(differences);
		assertThat(Intervals.bootstrapDifference(a, b)).containsExactly(Intervals.percentile(differences, 2.5),
				Intervals.percentile(differences, 97.5));
	}

	@Test
	void keptIntervalsAreTheValuesOwn() {
		double[] values = { 0.1, 0.2, 0.4 };
		double[] first = Intervals.bootstrapMean(values);
		first[0] = 99; // a caller changing its copy changes nothing kept
		values[2] = 0.3; // nor does changing the values afterwards
		assertThat(Intervals.bootstrapMean(new double[] { 0.1, 0.2, 0.4 }))
			.containsExactly(documentedBootstrap(new double[] { 0.1, 0.2, 0.4 }, 2000, Intervals.BOOTSTRAP_SEED));
		assertThat(Intervals.bootstrapMean(values))
			.containsExactly(documentedBootstrap(new double[] { 0.1, 0.2, 0.3 }, 2000, Intervals.BOOTSTRAP_SEED));
		// the same values in another order are another sample of draws, so another key
		assertThat(Intervals.bootstrapMean(new double[] { 0.3, 0.1, 0.2 }))
			.containsExactly(documentedBootstrap(new double[] { 0.3, 0.1, 0.2 }, 2000, Intervals.BOOTSTRAP_SEED));
	}

	@Test
	void keptIntervalsAreBounded() {
		// intervals of the most values the cache keeps, more of them than it may weigh
		int widest = Intervals.MAX_TABLED_VALUES;
		long fit = Intervals.BOOTSTRAPPED_BYTES / Intervals.weight(widest);
		for (int i = 0; i < fit + 200; i++) {
			double[] values = new double[widest];
			values[0] = i / 100000.0;
			Intervals.bootstrapMean(values);
		}
		assertThat(Intervals.bootstrappedWeight()).isLessThanOrEqualTo(Intervals.BOOTSTRAPPED_BYTES);
		assertThat(Intervals.bootstrappedSize()).isLessThanOrEqualTo(fit).isGreaterThan(fit / 2);
	}

	/**
	 * Asking again for the same values is a hit of the cache, and gives the interval
	 * computed the first time.
	 */
	@Test
	void keptIntervalsAreFoundAgain() {
		double[] values = { 0.125, 0.5, 0.875, 0.0625, 0.3125 };
		CacheStats before = Intervals.bootstrappedIntervals().stats();
		double[] first = Intervals.bootstrapMean(values);
		double[] again = Intervals.bootstrapMean(values.clone());
		CacheStats asked = Intervals.bootstrappedIntervals().stats().minus(before);
		assertThat(asked.missCount()).isEqualTo(1);
		assertThat(asked.hitCount()).isEqualTo(1);
		assertThat(again).isNotSameAs(first)
			.containsExactly(first)
			.containsExactly(documentedBootstrap(values, 2000, Intervals.BOOTSTRAP_SEED));
	}

	@Test
	void percentileInterpolatesLikeNumpy() {
		double[] sorted = { 1, 2, 3, 4 };
		// position = q/100 · (n − 1)
		assertThat(Intervals.percentile(sorted, 2.5)).isCloseTo(1.075, within(EPS)); // 0.075
		assertThat(Intervals.percentile(sorted, 97.5)).isCloseTo(3.925, within(EPS)); // 2.925
		assertThat(Intervals.percentile(sorted, 50)).isCloseTo(2.5, within(EPS));
		assertThat(Intervals.percentile(sorted, 0)).isEqualTo(1.0);
		assertThat(Intervals.percentile(sorted, 100)).isEqualTo(4.0);
	}

}
