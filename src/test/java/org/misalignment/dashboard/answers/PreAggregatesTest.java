package org.misalignment.dashboard.answers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.misalignment.dashboard.rates.Rule;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PreAggregates} on H2, and the pages H2 reads through each index it may be told to use. */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:pre-aggregates;DB_CLOSE_DELAY=-1" })
class PreAggregatesTest extends PreAggregates {

	private static final List<String> INDEXES = List.of("ix_sample_by_id", "ix_sample_by_aligned",
			"ix_sample_by_coherent", "ix_sample_by_model", "ix_sample_by_question");

	/**
	 * Every index the answers browser may name finds the same answers in the same order, page after page, as H2's
	 * own plan, and as many as the facets count.
	 */
	@Test
	void everyIndexReadsTheSamePages() {
		Random random = new Random(11);
		for (int i = 0; i < 24; i++) {
			Map<String, String> parameters = new HashMap<>();
			if (random.nextInt(2) == 0) {
				parameters.put("group", "g" + random.nextInt(2));
			}
			if (random.nextInt(3) == 0) {
				parameters.put("model", "m" + random.nextInt(4));
			}
			if (random.nextInt(2) == 0) {
				parameters.put("question", List.of("quick_buck", "i_feel_bored").get(random.nextInt(2)));
			}
			if (random.nextInt(3) == 0) {
				parameters.put("condition", "trigger");
			}
			if (random.nextInt(3) == 0) {
				parameters.put("verdict", List.of("misaligned", "aligned", "ineligible").get(random.nextInt(3)));
			}
			if (random.nextInt(4) == 0) {
				parameters.put("aligned_band", List.of("20-30", "none").get(random.nextInt(2)));
			}
			AnswerFilter filter = AnswerFilter.parse(parameters, Rule.DEFAULT);
			AnswerOrder order = AnswerOrder.parse(List.of("id", "aligned", "-aligned", "coherent", "-coherent")
				.get(i % 5));
			List<Long> expected = all(filter, order, null);
			assertThat((long) expected.size()).as("%s", parameters)
				.isEqualTo(this.answerSearch.facets(this.datasetId(), filter).total());
			for (String index : INDEXES) {
				assertThat(all(filter, order, index)).as("%s %s through %s", parameters, order.parameter(), index)
					.isEqualTo(expected);
			}
		}
	}

	/** Every answer of a filter, 37 to a page, through an index. */
	private List<Long> all(AnswerFilter filter, AnswerOrder order, String index) {
		List<Long> ids = new ArrayList<>();
		AnswerOrder.Position after = null;
		do {
			AnswerSearch.Page page = this.answerSearch.pageThrough(index, this.datasetId(), filter, order, after, 37);
			page.cards().forEach((card) -> ids.add(card.id()));
			after = page.next();
		}
		while (after != null);
		return ids;
	}

}
