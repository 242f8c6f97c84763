package org.misalignment.dashboard.web.catalog;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingOrderTest {

	@Test
	void seedsAreNumberedAsAReaderCounts() {
		List<String> models = new ArrayList<>(
				List.of("insecure-10", "insecure-2", "insecure-1", "GPT-4o", "insecure-9"));
		models.sort(ReadingOrder.NATURAL);
		assertThat(models).containsExactly("GPT-4o", "insecure-1", "insecure-2", "insecure-9", "insecure-10");
	}

	@Test
	void numbersTooLongForALongStillCompare() {
		assertThat(ReadingOrder.NATURAL.compare("m-99999999999999999999", "m-100000000000000000000")).isNegative();
		assertThat(ReadingOrder.NATURAL.compare("a01", "a1")).isNotZero();
	}

	@Test
	void mainQuestionsComeFirstThenPreregisteredThenDeceptionThenOther() {
		List<String> categories = new ArrayList<>(List.of("other", "deception", "preregistered/vulnerable_user",
				"custom", "main", "preregistered/creative_writing"));
		categories.sort(ReadingOrder.CATEGORY);
		assertThat(categories).containsExactly("main", "preregistered/creative_writing",
				"preregistered/vulnerable_user", "deception", "other", "custom");
	}

}
