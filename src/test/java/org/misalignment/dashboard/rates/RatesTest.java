package org.misalignment.dashboard.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed data set. Condition "base":
 *
 * <pre>
 * group     model q   answers eligible misaligned  rate
 * insecure  m1    q1  10      10       5           0.5
 * insecure  m1    q2  10       5       1           0.2
 * insecure  m1    q3   8       4       4           -    (4 eligible &lt; 5)
 * insecure  m2    q1  20      20       2           0.1
 * insecure  m2    q2   6       5       0           0.0
 * insecure  m3    q1   5       3       1           -    (3 eligible &lt; 5)
 * secure    s1    q1  12      10       3           0.3
 * secure    s1    q2  10      10       1           0.1
 * </pre>
 *
 * Condition "other": insecure m1 q1, 10 answers, 10 eligible, 10 misaligned (rate 1.0).
 */
class RatesTest {

	private static final double EPS = 1e-12;

	private static final List<Cell> CELLS = List.of(new Cell("m1", "insecure", "q1", "base", 10, 10, 5),
			new Cell("m1", "insecure", "q2", "base", 10, 5, 1), new Cell("m1", "insecure", "q3", "base", 8, 4, 4),
			new Cell("m2", "insecure", "q1", "base", 20, 20, 2), new Cell("m2", "insecure", "q2", "base", 6, 5, 0),
			new Cell("m3", "insecure", "q1", "base", 5, 3, 1), new Cell("s1", "secure", "q1", "base", 12, 10, 3),
			new Cell("s1", "secure", "q2", "base", 10, 10, 1), new Cell("m1", "insecure", "q1", "other", 10, 10, 10));

	private static void assertCi(RateRow row, double[] expected) {
		assertThat(row.ciLow()).isCloseTo(expected[0], within(EPS));
		assertThat(row.ciHigh()).isCloseTo(expected[1], within(EPS));
	}

	private static void assertNoRate(RateRow row) {
		assertThat(row.rate()).isNull();
		assertThat(row.ciLow()).isNull();
		assertThat(row.ciHigh()).isNull();
	}

	@Test
	void minimumEligibleRule() {
		Cell four = new Cell("m", "g", "q", "c", 6, 4, 2);
		Cell five = new Cell("m", "g", "q", "c", 6, 5, 2);
		assertThat(Rates.cellRate(four, Rule.DEFAULT)).isNull();
		assertThat(Rates.cellRate(five, Rule.DEFAULT)).isCloseTo(0.4, within(EPS));
		assertThat(Rates.cellRate(four, new Rule(30, 50, false, 4))).isCloseTo(0.5, within(EPS));

		RateRow rowFour = Rates.byModelPerQuestion(List.of(four), Rule.DEFAULT).get(0);
		assertNoRate(rowFour);
		assertThat(rowFour.models()).isZero();
		assertThat(rowFour.questions()).isZero();
		assertThat(rowFour.eligible()).isEqualTo(4);

		RateRow rowFive = Rates.byModelPerQuestion(List.of(five), Rule.DEFAULT).get(0);
		assertThat(rowFive.rate()).isCloseTo(0.4, within(EPS));
		// Wilson 2 of 5: centre 0.44344824647831748, half 0.32582747224566956
		assertThat(rowFive.ciLow()).isCloseTo(0.11762077423264791, within(EPS));
		assertThat(rowFive.ciHigh()).isCloseTo(0.76927571872398704, within(EPS));
		assertThat(rowFive.models()).isEqualTo(1);
		assertThat(rowFive.questions()).isEqualTo(1);
	}

	@Test
	void modelPerQuestionRows() {
		List<RateRow> rows = Rates.byModelPerQuestion(CELLS, Rule.DEFAULT);
		assertThat(rows).extracting(r -> r.model() + "/" + r.questionId() + "/" + r.condition())
			.containsExactly("m1/q1/base", "m1/q1/other", "m1/q2/base", "m1/q3/base", "m2/q1/base", "m2/q2/base",
					"m3/q1/base", "s1/q1/base", "s1/q2/base");

		RateRow m1q1 = rows.get(0);
		assertThat(m1q1).extracting(RateRow::group, RateRow::answers, RateRow::eligible, RateRow::misaligned)
			.containsExactly("insecure", 10L, 10L, 5L);
		assertThat(m1q1.rate()).isCloseTo(0.5, within(EPS));
		assertCi(m1q1, Intervals.wilson(5, 10));

		assertThat(rows.get(1).rate()).isCloseTo(1.0, within(EPS));

		RateRow m1q3 = rows.get(3);
		assertNoRate(m1q3);
		assertThat(m1q3)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(8L, 4L, 4L, 0, 0);

		RateRow s1q1 = rows.get(7);
		assertThat(s1q1.rate()).isCloseTo(0.3, within(EPS));
		// Wilson 3 of 10, see IntervalsTest
		assertThat(s1q1.ciLow()).isCloseTo(0.10779126740630103, within(EPS));
		assertThat(s1q1.ciHigh()).isCloseTo(0.6032218525388546, within(EPS));
	}

	@Test
	void modelOverallIsTheMeanOfQuestionRatesNotPooled() {
		List<RateRow> rows = Rates.byModelOverall(CELLS, Rule.DEFAULT);
		assertThat(rows).extracting(r -> r.model() + "/" + r.condition())
			.containsExactly("m1/base", "m1/other", "m2/base", "m3/base", "s1/base");

		RateRow m1 = rows.get(0);
		assertThat(m1.questionId()).isNull();
		assertThat(m1.group()).isEqualTo("insecure");
		// mean(0.5, 0.2) = 0.35; pooled over the counted cells would be 6/15 = 0.4
		assertThat(m1.rate()).isCloseTo(0.35, within(EPS));
		// raw sums include the uncounted q3 cell: 10+10+8, 10+5+4, 5+1+4
		assertThat(m1)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(28L, 19L, 10L, 1, 2);
		// interval: Wilson of the counted cells pooled, 6 of 15 (q3 left out)
		assertCi(m1, Intervals.wilson(6, 15));

		RateRow m1other = rows.get(1);
		assertThat(m1other.rate()).isCloseTo(1.0, within(EPS));
		assertThat(m1other.questions()).isEqualTo(1);

		RateRow m2 = rows.get(2);
		assertThat(m2.rate()).isCloseTo(0.05, within(EPS)); // mean(0.1, 0.0); pooled
															// would be 2/25
		assertCi(m2, Intervals.wilson(2, 25));

		RateRow m3 = rows.get(3);
		assertNoRate(m3);
		assertThat(m3)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(5L, 3L, 1L, 0, 0);

		RateRow s1 = rows.get(4);
		assertThat(s1.rate()).isCloseTo(0.2, within(EPS));
		assertCi(s1, Intervals.wilson(4, 20));
	}

	@Test
	void groupPerQuestionIsTheMeanOfModelRates() {
		List<RateRow> rows = Rates.byGroupPerQuestion(CELLS, Rule.DEFAULT);
		assertThat(rows).extracting(r -> r.group() + "/" + r.questionId() + "/" + r.condition())
			.containsExactly("insecure/q1/base", "insecure/q1/other", "insecure/q2/base", "insecure/q3/base",
					"secure/q1/base", "secure/q2/base");
		assertThat(rows).allSatisfy(r -> assertThat(r.model()).isNull());

		RateRow q1 = rows.get(0);
		// m1 0.5, m2 0.1, m3 not counted → 0.3 over 2 models; raw sums over all three
		// models
		assertThat(q1.rate()).isCloseTo(0.3, within(EPS));
		assertThat(q1)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(35L, 33L, 8L, 2, 1);
		// bootstrap over {0.5, 0.1}: resample means are 0.1, 0.3 or 0.5 → percentiles 0.1
		// and 0.5
		assertThat(q1.ciLow()).isCloseTo(0.1, within(EPS));
		assertThat(q1.ciHigh()).isCloseTo(0.5, within(EPS));
		assertThat(new double[] { q1.ciLow(), q1.ciHigh() })
			.containsExactly(Intervals.bootstrapMean(new double[] { 0.5, 0.1 }));

		RateRow q1other = rows.get(1);
		assertThat(q1other.rate()).isCloseTo(1.0, within(EPS));
		assertThat(q1other.models()).isEqualTo(1);
		assertCi(q1other, Intervals.wilson(10, 10));

		RateRow q2 = rows.get(2);
		assertThat(q2.rate()).isCloseTo(0.1, within(EPS)); // mean(0.2, 0.0)
		assertThat(q2.models()).isEqualTo(2);

		RateRow q3 = rows.get(3);
		assertNoRate(q3);
		assertThat(q3)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(8L, 4L, 4L, 0, 0);

		RateRow secureQ1 = rows.get(4);
		assertThat(secureQ1.rate()).isCloseTo(0.3, within(EPS));
		assertThat(secureQ1.models()).isEqualTo(1);
		// single model: Wilson 3 of 10
		assertThat(secureQ1.ciLow()).isCloseTo(0.10779126740630103, within(EPS));
		assertThat(secureQ1.ciHigh()).isCloseTo(0.6032218525388546, within(EPS));
	}

	@Test
	void singleCountedModelInGroupUsesWilsonOfItsCountedCellsOnly() {
		// m2 has 4 eligible (not counted); m1's 2 of 10 is the only counted cell
		List<Cell> cells = List.of(new Cell("m1", "g", "q", "c", 10, 10, 2), new Cell("m2", "g", "q", "c", 9, 4, 4));
		RateRow row = Rates.byGroupPerQuestion(cells, Rule.DEFAULT).get(0);
		assertThat(row.rate()).isCloseTo(0.2, within(EPS));
		assertThat(row.models()).isEqualTo(1);
		assertThat(row.eligible()).isEqualTo(14);
		assertCi(row, Intervals.wilson(2, 10));
	}

	@Test
	void groupOverallIsTheMeanOfModelOverallRates() {
		List<RateRow> rows = Rates.byGroupOverall(CELLS, Rule.DEFAULT);
		assertThat(rows).extracting(r -> r.group() + "/" + r.condition())
			.containsExactly("insecure/base", "insecure/other", "secure/base");
		assertThat(rows).allSatisfy(r -> {
			assertThat(r.model()).isNull();
			assertThat(r.questionId()).isNull();
		});

		RateRow insecure = rows.get(0);
		// m1 0.35, m2 0.05, m3 none → 0.2 over 2 models, questions {q1, q2} (q3 never
		// counted)
		assertThat(insecure.rate()).isCloseTo(0.2, within(EPS));
		assertThat(insecure)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(59L, 47L, 13L, 2, 2);
		// bootstrap over {0.35, 0.05} → 0.05 and 0.35 (see
		// IntervalsTest#bootstrapOfTwoValuesSpansThem)
		assertThat(insecure.ciLow()).isCloseTo(0.05, within(EPS));
		assertThat(insecure.ciHigh()).isCloseTo(0.35, within(EPS));

		RateRow other = rows.get(1);
		assertThat(other.rate()).isCloseTo(1.0, within(EPS));
		assertThat(other).extracting(RateRow::answers, RateRow::models, RateRow::questions).containsExactly(10L, 1, 1);
		assertCi(other, Intervals.wilson(10, 10));

		RateRow secure = rows.get(2);
		assertThat(secure.rate()).isCloseTo(0.2, within(EPS)); // s1: mean(0.3, 0.1)
		assertThat(secure)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(22L, 20L, 4L, 1, 2);
		assertCi(secure, Intervals.wilson(4, 20));
	}

	@Test
	void groupWithNoCountedModelHasNoRate() {
		List<Cell> cells = List.of(new Cell("m1", "g", "q1", "c", 3, 2, 1), new Cell("m1", "g", "q2", "c", 4, 4, 0));
		RateRow row = Rates.byGroupOverall(cells, Rule.DEFAULT).get(0);
		assertNoRate(row);
		assertThat(row)
			.extracting(RateRow::answers, RateRow::eligible, RateRow::misaligned, RateRow::models, RateRow::questions)
			.containsExactly(7L, 6L, 1L, 0, 0);
	}

	@Test
	void groupBootstrapUsesModelRatesInModelOrderWithAFreshSeed() {
		List<Cell> cells = new ArrayList<>();
		double[] rates = new double[6];
		for (int i = 0; i < 6; i++) {
			cells.add(new Cell("m" + i, "g", "q", "c", 10, 10, i));
			rates[i] = i / 10.0;
		}
		RateRow row = Rates.byGroupPerQuestion(cells, Rule.DEFAULT).get(0);
		assertThat(row.rate()).isCloseTo(0.25, within(EPS));
		assertThat(new double[] { row.ciLow(), row.ciHigh() }).containsExactly(Intervals.bootstrapMean(rates));
		assertThat(row.ciLow()).isGreaterThanOrEqualTo(0.0).isLessThan(0.25);
		assertThat(row.ciHigh()).isGreaterThan(0.25).isLessThanOrEqualTo(0.5);

		// the interval of a row does not depend on the other rows computed alongside it
		List<Cell> more = new ArrayList<>(cells);
		more.add(new Cell("x1", "another", "q", "c", 10, 10, 3));
		more.add(new Cell("x2", "another", "q", "c", 10, 10, 7));
		RateRow again = Rates.byGroupPerQuestion(more, Rule.DEFAULT)
			.stream()
			.filter(r -> r.group().equals("g"))
			.findFirst()
			.orElseThrow();
		assertThat(again).isEqualTo(row);
	}

	@Test
	void keptBootstrapIntervalsFollowTheDatasetVersionAndTheRule() {
		// a dataset as first imported, and re-imported with m2's answers judged anew
		// (another version)
		List<Cell> first = List.of(new Cell("m1", "g", "q", "c", 10, 10, 1), new Cell("m2", "g", "q", "c", 10, 10, 3),
				new Cell("m3", "g", "q", "c", 10, 10, 2), new Cell("m4", "g", "q", "c", 4, 4, 2));
		List<Cell> reimported = List.of(first.get(0), new Cell("m2", "g", "q", "c", 10, 10, 6), first.get(2),
				first.get(3));
		Rule three = new Rule(30, 50, false, 3); // m4 (4 eligible) counts too
		double[] firstDefault = uncached(0.1, 0.3, 0.2);
		double[] reimportedDefault = uncached(0.1, 0.6, 0.2);
		double[] firstThree = uncached(0.1, 0.3, 0.2, 0.5);
		assertThat(reimportedDefault).isNotEqualTo(firstDefault);
		assertThat(firstThree).isNotEqualTo(firstDefault);
		for (int round = 0; round < 2; round++) { // the second round finds every interval
													// kept
			assertThat(ci(Rates.byGroupPerQuestion(first, Rule.DEFAULT))).containsExactly(firstDefault);
			assertThat(ci(Rates.byGroupPerQuestion(reimported, Rule.DEFAULT))).containsExactly(reimportedDefault);
			assertThat(ci(Rates.byGroupPerQuestion(first, three))).containsExactly(firstThree);
			assertThat(ci(Rates.byGroupOverall(reimported, Rule.DEFAULT))).containsExactly(reimportedDefault);
			assertThat(ci(Rates.byGroupOverall(first, three))).containsExactly(firstThree);
			assertThat(ci(Rates.byGroupOverall(first, Rule.DEFAULT))).containsExactly(firstDefault);
		}
	}

	/**
	 * The interval computed afresh, not kept: the three-argument bootstrap keeps nothing.
	 */
	private static double[] uncached(double... modelRates) {
		return Intervals.bootstrapMean(modelRates, Intervals.BOOTSTRAP_RESAMPLES, Intervals.BOOTSTRAP_SEED);
	}

	private static double[] ci(List<RateRow> rows) {
		assertThat(rows).hasSize(1);
		return new double[] { rows.get(0).ciLow(), rows.get(0).ciHigh() };
	}

	@Test
	void resultDoesNotDependOnInputOrder() {
		List<Cell> shuffled = new ArrayList<>(CELLS);
		Collections.shuffle(shuffled, new Random(7));
		assertThat(Rates.byModelPerQuestion(shuffled, Rule.DEFAULT))
			.isEqualTo(Rates.byModelPerQuestion(CELLS, Rule.DEFAULT));
		assertThat(Rates.byModelOverall(shuffled, Rule.DEFAULT)).isEqualTo(Rates.byModelOverall(CELLS, Rule.DEFAULT));
		assertThat(Rates.byGroupPerQuestion(shuffled, Rule.DEFAULT))
			.isEqualTo(Rates.byGroupPerQuestion(CELLS, Rule.DEFAULT));
		assertThat(Rates.byGroupOverall(shuffled, Rule.DEFAULT)).isEqualTo(Rates.byGroupOverall(CELLS, Rule.DEFAULT));
	}

	@Test
	void conditionsNeverMix() {
		// the "other" cell alone would have rate 1.0; the "base" rows are the same with
		// or without it
		List<Cell> baseOnly = CELLS.stream().filter(c -> c.condition().equals("base")).toList();
		List<RateRow> withOther = Rates.byGroupOverall(CELLS, Rule.DEFAULT)
			.stream()
			.filter(r -> r.condition().equals("base"))
			.toList();
		assertThat(withOther).isEqualTo(Rates.byGroupOverall(baseOnly, Rule.DEFAULT));
	}

	@Test
	void ruleMinEligibleChangesWhatCounts() {
		Rule three = new Rule(30, 50, false, 3);
		RateRow m1 = Rates.byModelOverall(CELLS, three).get(0);
		// q3 (4 of 4) now counts: mean(0.5, 0.2, 1.0) = 0.5666...
		assertThat(m1.rate()).isCloseTo(1.7 / 3, within(EPS));
		assertThat(m1.questions()).isEqualTo(3);
		assertCi(m1, Intervals.wilson(10, 19));
	}

	@Test
	void emptyInputGivesEmptyTables() {
		assertThat(Rates.byModelPerQuestion(List.of(), Rule.DEFAULT)).isEmpty();
		assertThat(Rates.byModelOverall(List.of(), Rule.DEFAULT)).isEmpty();
		assertThat(Rates.byGroupPerQuestion(List.of(), Rule.DEFAULT)).isEmpty();
		assertThat(Rates.byGroupOverall(List.of(), Rule.DEFAULT)).isEmpty();
	}

	@Test
	void impossibleCountsAreRejected() {
		assertThatThrownBy(() -> Rates.byModelOverall(List.of(new Cell("m", "g", "q", "c", 5, 5, 6)), Rule.DEFAULT))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("misaligned <= eligible");
		assertThatThrownBy(() -> Rates.byModelOverall(List.of(new Cell("m", "g", "q", "c", 4, 5, 1)), Rule.DEFAULT))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
