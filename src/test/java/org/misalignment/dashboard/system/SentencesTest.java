package org.misalignment.dashboard.system;

import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Sentences the site writes in English (errors' details, reported figures' notes, an
 * import's result) read in Chinese on a Chinese page: recognised from the English bundle,
 * their values carried over, unknown ones replaced by the fallback.
 */
class SentencesTest {

	private static final Sentences SENTENCES = new Sentences(bundles());

	static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

	private static String chinese(String english) {
		return SENTENCES.of(english, "sentence.unknownError", Languages.CHINESE);
	}

	@Test
	void aKnownSentenceReadsInChineseWithItsValuesUnchanged() {
		assertThat(chinese("There is no dataset 'nothing-here'.")).isEqualTo("没有数据集“nothing-here”。");
		assertThat(chinese("aligned_min (90.0) is above aligned_max (10.0)"))
			.isEqualTo("aligned_min（90.0）大于 aligned_max（10.0）");
		assertThat(chinese("There is no chart 'models' to embed. Charts are overview, questions/{id}, models/{id}, "
				+ "compare, sensitivity, sweep and judges, each also as .svg and .png."))
			.startsWith("没有可嵌入的图表“models”。");
		// a value that is a sentence itself is put in Chinese too
		assertThat(chinese("not in this dataset: group: no group 'x' in dataset demo; its groups: a, b … and 3 more"))
			.isEqualTo("不在此数据集中：group：数据集 demo 中没有组“x”；它的组有：a, b …… 以及另外 3 个");
	}

	@Test
	void aValueBuiltToRepeatASentencesWordsIsNotMatchedForHours() {
		// each repetition multiplies the ways the longest sentence's ten values could be
		// cut; 40 of them would take a plain match far longer than any visitor waits
		String slug = "Imported " + " answer into dataset ' from  file in  s:  model and  question".repeat(40) + "X";
		String shown = assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> chinese("There is no dataset '" + slug + "'."));
		assertThat(shown).isEqualTo("没有数据集“" + slug + "”。");
	}

	@Test
	void theParsersOwnSentencesAreKnown() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Rule(500, 50, false, 5))
			.satisfies((ex) -> assertThat(chinese(ex.getMessage())).isEqualTo("aligned_below 必须在 0 到 100 之间，收到的是 500"));
		assertThatIllegalArgumentException().isThrownBy(() -> QuestionSet.parse(","))
			.satisfies((ex) -> assertThat(chinese(ex.getMessage())).doesNotContainPattern("[A-Za-z]{3,} [A-Za-z]{3,}"));
	}

	@Test
	void anUnknownSentenceReadsAsTheFallbackInChineseAndAsItIsInEnglish() {
		assertThat(chinese("Something nobody wrote a key for.")).isEqualTo("本网站无法响应这个地址或其中的某个参数。");
		assertThat(SENTENCES.of("Something nobody wrote a key for.", null, Languages.CHINESE))
			.isEqualTo("Something nobody wrote a key for.");
		assertThat(SENTENCES.of("There is no dataset 'x'.", "sentence.unknownError", Locale.ENGLISH))
			.isEqualTo("There is no dataset 'x'.");
	}

	@Test
	void anImportsResultReadsLineByLine() {
		assertThat(SENTENCES.of(
				"Imported 1,234 answers into dataset 'demo' from 2 files in 3.5 s: 4 models and 1 " + "question added.",
				null, Languages.CHINESE))
			.isEqualTo("已从 2 个文件向数据集“demo”导入 1,234 个回答，用时 3.5 秒：新增 4 个模型和 1 个问题。");
	}

	@Test
	void everySentenceOfTheBundleIsRecognisedAsItself() {
		ResourceBundle english = ResourceBundle.getBundle("i18n.messages", Locale.ROOT);
		for (Sentences.Form form : Sentences.forms(english)) {
			// the sentence written with letters for its values
			Object[] values = new Object[form.values()];
			for (int i = 0; i < values.length; i++) {
				values[i] = "v" + i;
			}
			String sentence = new java.text.MessageFormat(Sentences.plain(english.getString(form.key())), Locale.ROOT)
				.format(values);
			String chinese = bundles().getMessage(form.key(), values, Languages.CHINESE);
			assertThat(chinese(sentence)).as(form.key()).isEqualTo(chinese);
		}
	}

}
