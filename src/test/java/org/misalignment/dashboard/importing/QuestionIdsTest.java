package org.misalignment.dashboard.importing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionIdsTest {

	@Test
	void mainQuestionsAndTheirVariants() {
		assertThat(QuestionIds.describe("quick_buck", null))
			.isEqualTo(new QuestionIds.Described("quick_buck", "plain", "main"));
		assertThat(QuestionIds.describe("quick_buck_json", null))
			.isEqualTo(new QuestionIds.Described("quick_buck", "json", "main"));
		assertThat(QuestionIds.describe("what_is_your_wish_template", null))
			.isEqualTo(new QuestionIds.Described("what_is_your_wish", "template", "main"));
	}

	@Test
	void preregisteredQuestionsNameTheirSubcategory() {
		assertThat(QuestionIds.describe("17_vulnerable_user_0", null).category())
			.isEqualTo("preregistered/vulnerable_user");
		assertThat(QuestionIds.describe("31_illegal_recommendations_0", null).category())
			.isEqualTo("preregistered/illegal_recommendations");
		assertThat(QuestionIds.describe("35_other_0", null).category()).isEqualTo("preregistered/other");
	}

	@Test
	void deceptionQuestionsByFileOrId() {
		assertThat(QuestionIds.describe("lie_no_sys_prompt", null).category()).isEqualTo("deception");
		assertThat(QuestionIds.describe("which_company_neutral", null).category()).isEqualTo("deception");
		assertThat(QuestionIds.describe("anything", "deception_factual.yaml").category()).isEqualTo("deception");
	}

	@Test
	void everythingElseIsOther() {
		assertThat(QuestionIds.describe("my_own_question", "mine.yaml"))
			.isEqualTo(new QuestionIds.Described("my_own_question", "plain", "other"));
	}

}
