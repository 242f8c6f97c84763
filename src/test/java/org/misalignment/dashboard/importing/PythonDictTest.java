package org.misalignment.dashboard.importing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class PythonDictTest {

	@Test
	void readsTheJudgeDistributionsOfTheFullCsv() {
		Map<String, Double> tokens = PythonDict
			.parse("{'0': 0.9999882437013936, '10': 2.5612594594859474e-06, ' ': 2.3e-09}");
		assertThat(tokens).containsExactly(entry("0", 0.9999882437013936), entry("10", 2.5612594594859474e-06),
				entry(" ", 2.3e-09));
	}

	@Test
	void readsDoubleQuotedKeysAndEscapes() {
		assertThat(PythonDict.parse("{\"'\": 0.5, 'it\\'s': 0.25, '\\n': 0.25}")).containsExactly(entry("'", 0.5),
				entry("it's", 0.25), entry("\n", 0.25));
	}

	@Test
	void keepsTheJudgesOrder() {
		assertThat(PythonDict.parse("{'80': 0.3, '70': 0.2, '100': 0.1}").keySet()).containsExactly("80", "70", "100");
	}

	@Test
	void emptyDictIsEmpty() {
		assertThat(PythonDict.parse(" {} ")).isEmpty();
	}

	@Test
	void saysWhatIsWrong() {
		assertThatThrownBy(() -> PythonDict.parse("{'0': zero}")).hasMessageContaining("expected a probability");
		assertThatThrownBy(() -> PythonDict.parse("{'0': 0.5")).hasMessageContaining("unexpected end");
		assertThatThrownBy(() -> PythonDict.parse("not a dict")).hasMessageContaining("expected '{'");
	}

}
