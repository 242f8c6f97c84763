package org.misalignment.dashboard.store.imports;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetVersionTest {

	private static final String A = "a".repeat(64) + ";model=m1;group=insecure;condition=";

	private static final String B = "b".repeat(64) + ";model=m2;group=secure;condition=";

	@Test
	void theVersionIsAShortHashOfTheFilesWhateverTheirOrder() {
		assertThat(DatasetVersion.of(List.of(A, B))).matches("[0-9a-f]{12}")
			.isEqualTo(DatasetVersion.of(List.of(B, A)));
	}

	@Test
	void anotherFileOrTheSameFileAsAnotherModelIsAnotherVersion() {
		String one = DatasetVersion.of(List.of(A));
		assertThat(DatasetVersion.of(List.of(A, B))).isNotEqualTo(one);
		assertThat(DatasetVersion.of(List.of(A.replace("model=m1", "model=m3")))).isNotEqualTo(one);
		assertThat(DatasetVersion.of(List.of())).matches("[0-9a-f]{12}").isNotEqualTo(one);
	}

}
