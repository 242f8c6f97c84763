package org.misalignment.dashboard.rates;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Cohen's kappa against hand computations, and its bootstrap interval: seeded, so the
 * same table gives the same interval, around kappa and as wide as its sampling error.
 */
class AgreementTest {

	@Test
	void kappaOfTwoVerdictsIsTheTextbooks() {
		// yes/yes 20, yes/no 5, no/yes 10, no/no 15: observed 35/50 = 0.7; expected
		// 25/50 · 30/50 + 25/50 · 20/50 = 0.5; kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4
		assertThat(Agreement.kappa(new long[][] { { 20, 5 }, { 10, 15 } })).isCloseTo(0.4, within(1e-12));
	}

	@Test
	void kappaOfThreeVerdictsIsTheHandComputation() {
		// rows (judge a) 25, 75, 20; columns (judge b) 30, 70, 20; n = 120
		// observed (20 + 60 + 15) / 120 = 95/120; expected (25·30 + 75·70 + 20·20) / 120²
		// =
		// 6400/14400; kappa = (95/120 − 4/9) / (1 − 4/9) = 0.625
		long[][] table = { { 20, 5, 0 }, { 10, 60, 5 }, { 0, 5, 15 } };
		assertThat(Agreement.kappa(table)).isCloseTo(0.625, within(1e-12));
	}

	@Test
	void perfectAgreementIsOneAndNoAnswersOrOneVerdictHaveNone() {
		assertThat(Agreement.kappa(new long[][] { { 7, 0, 0 }, { 0, 3, 0 }, { 0, 0, 2 } })).isEqualTo(1.0);
		assertThat(Agreement.kappa(new long[3][3])).isNull();
		assertThat(Agreement.kappa(new long[][] { { 0, 0, 0 }, { 0, 9, 0 }, { 0, 0, 0 } })).isNull();
		assertThat(Agreement.bootstrapKappa(new long[3][3], 100, 1)).isNull();
	}

	@Test
	void theBootstrapIsSeededAndSpansKappasSamplingError() {
		long[][] table = { { 20, 5, 0 }, { 10, 60, 5 }, { 0, 5, 15 } };
		double[] interval = Agreement.bootstrapKappa(table, 2000, 42);
		assertThat(Agreement.bootstrapKappa(table, 2000, 42)).containsExactly(interval);
		assertThat(interval[0]).isLessThan(0.625);
		assertThat(interval[1]).isGreaterThan(0.625);
		// kappa's large-sample standard error here is about 0.07: a 95% interval about
		// 0.28 wide
		assertThat(interval[1] - interval[0]).isBetween(0.18, 0.38);
		// a hundred times the answers: a tenth of the width
		long[][] many = { { 2000, 500, 0 }, { 1000, 6000, 500 }, { 0, 500, 1500 } };
		double[] narrow = Agreement.bootstrapKappa(many, 2000, 42);
		assertThat(narrow[1] - narrow[0]).isBetween(0.018, 0.038);
		assertThat(narrow[0]).isLessThan(0.625);
		assertThat(narrow[1]).isGreaterThan(0.625);
	}

	@Test
	void binomialDrawsHaveTheirMeanAndVariance() {
		SplittableRandom rng = new SplittableRandom(7);
		for (long n : new long[] { 40, 5_000, 1_000_000 }) {
			for (double p : new double[] { 0.00002, 0.3, 0.99999 }) {
				double sum = 0;
				double squares = 0;
				int draws = 4000;
				for (int i = 0; i < draws; i++) {
					long x = Agreement.binomial(n, p, rng);
					assertThat(x).isBetween(0L, n);
					sum += x;
					squares += (double) x * x;
				}
				double mean = sum / draws;
				double variance = squares / draws - mean * mean;
				double expected = n * p * (1 - p);
				assertThat(mean).isCloseTo(n * p, within(5 * Math.sqrt(expected / draws) + 1e-9));
				assertThat(variance).isCloseTo(expected, within(0.15 * expected + 0.01));
			}
		}
	}

}
