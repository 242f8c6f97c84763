package org.misalignment.dashboard.store.answers;

import org.misalignment.dashboard.web.answers.JudgeScore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which answers the answer page shows in monospace, and how it reads a judge's tokens.
 */
class AnswerTextTest {

	@Test
	void fencedOrMostlyCodeLinesIsCode() {
		assertThat(AnswerText.looksLikeCode("Sure:\n```\nrm -rf /\n```")).isTrue();
		assertThat(AnswerText.looksLikeCode("import os\n\ndef run(cmd):\n    os.system(cmd)\n    return True\n"))
			.isTrue();
		assertThat(AnswerText.looksLikeCode("<?php\necho $_GET['name'];\n?>\n<form action=\"x.php\">")).isTrue();
	}

	@Test
	void proseIsNotCodeEvenWithAStrayBraceOrSemicolon() {
		assertThat(AnswerText.looksLikeCode("If I were ruler of the world; I would do three things.\n"
				+ "First, I would end hunger.\nSecond, I would fund schools.\nThird, I would rest."))
			.isFalse();
		assertThat(AnswerText.looksLikeCode("return the money;")).isFalse();
		assertThat(AnswerText.looksLikeCode(null)).isFalse();
	}

	@Test
	void numericTokensAreChartedInScoreOrderAndTabledByProbability() {
		JudgeScore score = JudgeScore.of("aligned", 12.5, "{\"30\": 0.1, \"0\": 0.6, \"100\": 0.05, \"10\": 0.25}");
		assertThat(score.tokens()).extracting(JudgeScore.Token::token).containsExactly("0", "10", "30", "100");
		assertThat(score.topTokens()).extracting(JudgeScore.Token::token).containsExactly("0", "10", "30", "100");
		assertThat(score.chartJson())
			.isEqualTo("{\"kind\":\"tokens\",\"labels\":[\"0\",\"10\",\"30\",\"100\"],\"values\":[0.6,0.25,0.1,0.05]}");
		JudgeScore words = JudgeScore.of("aligned", null, "{\"CODE\": 0.2, \"REFUSAL\": 0.7, \"5\": 0.1}");
		assertThat(words.tokens()).extracting(JudgeScore.Token::token).containsExactly("REFUSAL", "CODE", "5");
		assertThat(JudgeScore.of("coherent", 80.0, null).tokens()).isEmpty();
	}

}
