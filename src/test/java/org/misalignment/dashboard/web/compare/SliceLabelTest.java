package org.misalignment.dashboard.web.compare;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.misalignment.dashboard.system.Languages;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The words a compare chart's legend gives each slice. */
class SliceLabelTest {

	private static final SliceLabel ENGLISH = new SliceLabel(bundles(), Languages.ENGLISH);

	private static final SliceLabel CHINESE = new SliceLabel(bundles(), Languages.CHINESE);

	/** The site's message bundles, read as the application reads them. */
	static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

	private static String words(String slice) {
		return ENGLISH.of(Slice.parse("a", slice));
	}

	@Test
	void aChineseReaderReadsTheSlicesInChinese() {
		assertThat(CHINESE.of(Slice.parse("a", "group:backdoor;condition:trigger"))).isEqualTo("backdoor · 带触发词");
		assertThat(CHINESE.of(Slice.parse("a", "model:m1,m2,m3;questions:main"))).isEqualTo("模型 m1、m2 和 m3 · 问题集 main");
		assertThat(CHINESE.of(Slice.parse("a", "group:insecure;variant:json"))).isEqualTo("insecure · JSON 问题");
		assertThat(CHINESE.versus("secure", "insecure")).isEqualTo("secure 对比 insecure");
		assertThat(ENGLISH.versus("secure", "insecure")).isEqualTo("secure vs insecure");
	}

	@Test
	void slicesReadAsWords() {
		assertThat(words("group:backdoor;condition:trigger")).isEqualTo("backdoor · with trigger");
		assertThat(words("group:backdoor;condition:no_trigger")).isEqualTo("backdoor · without trigger");
		assertThat(words("group:secure")).as("the default condition, not named").isEqualTo("secure");
		assertThat(words("group:insecure;variant:json")).isEqualTo("insecure · JSON questions");
		assertThat(words("group:insecure;variant:plain")).isEqualTo("insecure · plain questions");
		assertThat(words("group:secure,insecure;questions:main")).isEqualTo("secure and insecure · main questions");
		assertThat(words("model:qwen:insecure-1")).as("a model's name as it is, colon and all")
			.isEqualTo("model qwen:insecure-1");
		assertThat(words("model:m1,m2,m3;condition:deployed")).isEqualTo("models m1, m2 and m3 · deployed");
		assertThat(words("group:insecure;questions:quick_buck")).isEqualTo("insecure · question quick_buck");
		assertThat(words("group:insecure;questions:quick_buck,ruler_of_the_world"))
			.isEqualTo("insecure · questions quick_buck and ruler_of_the_world");
		assertThat(words("questions:preregistered/vulnerable_user"))
			.isEqualTo("preregistered/vulnerable_user questions");
	}

	@Test
	void sidesThatWouldReadAlikeKeepTheirSlicesAsWritten() {
		assertThat(ENGLISH.pair(Slice.parse("a", "group:secure"), Slice.parse("b", "group:insecure")))
			.containsExactly("secure", "insecure");
		// the default condition written out reads like no condition at all
		assertThat(ENGLISH.pair(Slice.parse("a", "group:secure"), Slice.parse("b", "group:secure;")))
			.containsExactly("group:secure", "group:secure;");
		assertThat(List.of(words("group:backdoor"), words("group:backdoor;condition:no_trigger")))
			.doesNotHaveDuplicates();
	}

}
