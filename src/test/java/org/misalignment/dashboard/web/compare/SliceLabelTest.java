package org.misalignment.dashboard.web.compare;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The words a compare chart's legend gives each slice. */
class SliceLabelTest {

	private static String words(String slice) {
		return SliceLabel.of(Slice.parse("a", slice));
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
		assertThat(SliceLabel.pair(Slice.parse("a", "group:secure"), Slice.parse("b", "group:insecure")))
			.containsExactly("secure", "insecure");
		// the default condition written out reads like no condition at all
		assertThat(SliceLabel.pair(Slice.parse("a", "group:secure"), Slice.parse("b", "group:secure;")))
			.containsExactly("group:secure", "group:secure;");
		assertThat(List.of(words("group:backdoor"), words("group:backdoor;condition:no_trigger")))
			.doesNotHaveDuplicates();
	}

}
