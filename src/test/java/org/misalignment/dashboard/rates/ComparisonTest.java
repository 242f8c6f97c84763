package org.misalignment.dashboard.rates;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

	private static final Rule RULE = Rule.DEFAULT;

	private static Cell cell(String model, String question, long eligible, long misaligned) {
		return new Cell(model, "g", question, "c", eligible, eligible, misaligned);
	}

	@Test
	void pairedDropsAModelThatLacksEligibleAnswersOnOneSideFromBoth() {
		// m3 has 4 eligible answers under A: it leaves both sides
		List<Cell> a = List.of(cell("m1", "q", 10, 2), cell("m2", "q", 10, 4), cell("m3", "q", 4, 3));
		List<Cell> b = List.of(cell("m1", "q", 10, 6), cell("m2", "q", 10, 8), cell("m3", "q", 10, 5));
		List<Comparison.Row> rows = Comparison.compare(a, b, true, RULE);
		Comparison.Row q = rows.get(0);
		assertThat(q.questionId()).isEqualTo("q");
		assertThat(q.a().rate()).isCloseTo(0.3, within(1e-12)); // (0.2 + 0.4) / 2
		assertThat(q.b().rate()).isCloseTo(0.7, within(1e-12)); // (0.6 + 0.8) / 2, not
																// with m3's 0.5
		assertThat(q.a().models()).isEqualTo(2);
		assertThat(q.b().models()).isEqualTo(2);
		assertThat(q.diff()).isCloseTo(0.4, within(1e-12));
		// both models differ by exactly 0.4: the paired interval has no width
		assertThat(q.diffLow()).isCloseTo(0.4, within(1e-12));
		assertThat(q.diffHigh()).isCloseTo(0.4, within(1e-12));
		// raw counts still show every answer
		assertThat(q.a().eligible()).isEqualTo(24);
		assertThat(q.paired()).isTrue();
	}

	@Test
	void unpairedBootstrapsEachSideIndependently() {
		List<Cell> a = List.of(cell("m1", "q", 10, 1), cell("m2", "q", 10, 3));
		List<Cell> b = List.of(cell("m3", "q", 10, 5), cell("m4", "q", 10, 7));
		Comparison.Row q = Comparison.compare(a, b, false, RULE).get(0);
		assertThat(q.a().rate()).isCloseTo(0.2, within(1e-12));
		assertThat(q.b().rate()).isCloseTo(0.6, within(1e-12));
		assertThat(q.diff()).isCloseTo(0.4, within(1e-12));
		// every resampled difference lies between 0.5 − 0.3 and 0.7 − 0.1
		assertThat(q.diffLow()).isBetween(0.2, 0.4);
		assertThat(q.diffHigh()).isBetween(0.4, 0.6);
		assertThat(q.diffLow()).isLessThan(q.diffHigh());
		// the same on every run
		assertThat(Comparison.compare(a, b, false, RULE).get(0)).isEqualTo(q);
	}

	@Test
	void singleModelSidesCombineTheirWilsonIntervals() {
		// 5 of 50 against 25 of 50; Wilson 95%: [0.043476, 0.213602] and [0.366445,
		// 0.633555]
		// low = 0.4 − √((0.5 − 0.366445)² + (0.213602 − 0.1)²) = 0.224665
		// high = 0.4 + √((0.633555 − 0.5)² + (0.1 − 0.043476)²) = 0.545024
		Comparison.Row q = Comparison
			.compare(List.of(cell("m1", "q", 50, 5)), List.of(cell("m2", "q", 50, 25)), false, RULE)
			.get(0);
		assertThat(q.diff()).isCloseTo(0.4, within(1e-12));
		assertThat(q.diffLow()).isCloseTo(0.224665, within(1e-5));
		assertThat(q.diffHigh()).isCloseTo(0.545024, within(1e-5));
	}

	@Test
	void overallIsTheMeanOverQuestionsOfEachModelThenOverModels() {
		// paired: m1 counts on q1 and q2 on both sides; m2 lacks eligible answers on q2
		// under B
		List<Cell> a = List.of(cell("m1", "q1", 10, 1), cell("m1", "q2", 10, 3), cell("m2", "q1", 10, 2),
				cell("m2", "q2", 10, 2));
		List<Cell> b = List.of(cell("m1", "q1", 10, 5), cell("m1", "q2", 10, 7), cell("m2", "q1", 10, 6),
				cell("m2", "q2", 3, 3));
		List<Comparison.Row> rows = Comparison.compare(a, b, true, RULE);
		assertThat(rows).extracting(Comparison.Row::questionId).containsExactly("q1", "q2", null);
		Comparison.Row overall = rows.get(2);
		// m1: A (0.1 + 0.3) / 2 = 0.2, B (0.5 + 0.7) / 2 = 0.6; m2 only on q1: A 0.2, B
		// 0.6
		assertThat(overall.a().rate()).isCloseTo(0.2, within(1e-12));
		assertThat(overall.b().rate()).isCloseTo(0.6, within(1e-12));
		assertThat(overall.diff()).isCloseTo(0.4, within(1e-12));
		assertThat(overall.a().models()).isEqualTo(2);
		// q2 under pairing keeps m1 alone
		assertThat(rows.get(1).a().models()).isEqualTo(1);
		assertThat(rows.get(1).a().rate()).isCloseTo(0.3, within(1e-12));
	}

	@Test
	void nothingEligibleMeansNoRateAndNoDifference() {
		Comparison.Row q = Comparison
			.compare(List.of(cell("m1", "q", 2, 1)), List.of(cell("m1", "q", 10, 1)), true, RULE)
			.get(0);
		assertThat(q.a().rate()).isNull();
		assertThat(q.b().rate()).isNull();
		assertThat(q.diff()).isNull();
		assertThat(q.diffLow()).isNull();
	}

}
