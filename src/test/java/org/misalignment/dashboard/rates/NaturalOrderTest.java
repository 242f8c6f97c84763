package org.misalignment.dashboard.rates;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names with numbers in the order a reader expects them. */
class NaturalOrderTest {

	@Test
	void numbersInNamesCompareAsNumbers() {
		List<String> models = new ArrayList<>(
				List.of("backdoor-10", "backdoor-2", "backdoor-1", "GPT-4o", "backdoor-02"));
		models.sort(NaturalOrder.TEXT);
		assertThat(models).containsExactly("GPT-4o", "backdoor-1", "backdoor-02", "backdoor-2", "backdoor-10");

		List<String> questions = new ArrayList<>(List.of("10_x", "1_a", "12_y", "0_z", "2_b", "quick_buck"));
		questions.sort(NaturalOrder.TEXT);
		assertThat(questions).containsExactly("0_z", "1_a", "2_b", "10_x", "12_y", "quick_buck");
	}

	@Test
	void longRunsOfDigitsAndPrefixesAreOrderedWithoutOverflow() {
		assertThat(NaturalOrder.TEXT.compare("run-99999999999999999999", "run-100000000000000000000")).isNegative();
		assertThat(NaturalOrder.TEXT.compare("a", "a1")).isNegative();
		assertThat(NaturalOrder.TEXT.compare("a1b", "a1b")).isZero();
	}

}
