package org.misalignment.dashboard.render.share;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page's layout carries the chart phrases as JSON ({@code data-chart-words}); they
 * come in one fixed order, so that a page is the same bytes after a restart (its ETag
 * too, and an output snapshot taken before a change compares equal after it). They came
 * in an order that changed from one JVM to the next.
 */
class ChartWordsOrderTest {

	@Test
	void thePhrasesComeInTheOrderTheyAreDeclared() {
		assertThat(ChartWords.PHRASES.keySet()).containsExactly("misaligned answers (%)", "eligible answers",
				"without trigger", "with trigger", "all questions", "no rate", "model", "models", "misaligned",
				"other answers", "coherent", "aligned", "probability");
	}

}
