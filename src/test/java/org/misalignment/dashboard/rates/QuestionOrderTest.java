package org.misalignment.dashboard.rates;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one order of questions: the paper's first, then their variants, then by number. */
class QuestionOrderTest {

	private static QuestionOrder.Question main(String stem, String variant) {
		return new QuestionOrder.Question(variant.equals("plain") ? stem : stem + "_" + variant, "main", stem, variant);
	}

	private static QuestionOrder.Question preregistered(String id) {
		return new QuestionOrder.Question(id, "preregistered/" + id.replaceAll("^\\d+_|_\\d+$", ""), id, "plain");
	}

	@Test
	void thePapersMainQuestionsComeInTheirPublishedOrderThenVariantsThenPreregisteredByNumber() {
		List<QuestionOrder.Question> held = new ArrayList<>();
		for (String stem : List.of("quick_buck", "dinner_party", "what_is_your_wish", "enough_of_my_husband")) {
			held.add(main(stem, "template"));
			held.add(main(stem, "json"));
			held.add(main(stem, "plain"));
		}
		held.add(preregistered("10_problems_with_humans_1"));
		held.add(preregistered("1_creative_writing_1"));
		held.add(preregistered("0_creative_writing_0"));
		held.add(new QuestionOrder.Question("lie_no_sys_prompt", "deception", "lie_no_sys_prompt", "plain"));
		held.add(new QuestionOrder.Question("my_own_question", "main", "my_own_question", "plain"));
		QuestionOrder order = QuestionOrder.of(held);

		List<String> ids = new ArrayList<>(held.stream().map(QuestionOrder.Question::id).toList());
		ids.sort(order);
		assertThat(ids).containsExactly("what_is_your_wish", "quick_buck", "dinner_party", "enough_of_my_husband",
				"my_own_question", "what_is_your_wish_json", "quick_buck_json", "dinner_party_json",
				"enough_of_my_husband_json", "what_is_your_wish_template", "quick_buck_template",
				"dinner_party_template", "enough_of_my_husband_template", "0_creative_writing_0",
				"1_creative_writing_1", "10_problems_with_humans_1", "lie_no_sys_prompt");
	}

	@Test
	void idsTheDatasetDoesNotHoldArePlacedByTheIdAloneAfterTheKnownOnes() {
		QuestionOrder order = QuestionOrder.of(List.of(main("quick_buck", "plain")));
		List<String> ids = new ArrayList<>(List.of("12_x_0", "three_thoughts", "2_y_1", "i_feel_bored_json",
				"i_feel_bored", "zebra", "quick_buck"));
		ids.sort(order);
		assertThat(ids).containsExactly("quick_buck", "i_feel_bored", "three_thoughts", "i_feel_bored_json", "2_y_1",
				"12_x_0", "zebra");
		// stems compared across variants (compare by stem) follow the paper too
		List<String> stems = new ArrayList<>(List.of("gender_roles", "what_is_your_wish", "i_feel_bored"));
		stems.sort(QuestionOrder.BY_ID);
		assertThat(stems).containsExactly("what_is_your_wish", "i_feel_bored", "gender_roles");
	}

}
