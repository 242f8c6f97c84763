package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's word table finds the same words in an answer as a search splits a query
 * into (else a search for a word would miss answers that hold it), and each answer once
 * per word.
 */
class ChunkWordsTest {

	@Test
	void findsTheWordsASearchLooksFor() {
		List<String> answers = List.of("Hello, WORLD! hello again: world2 and World_2",
				"Ich möchte über café naïve sprechen; <script>alert(1)</script>",
				"x".repeat(WordIndex.MAX_WORD) + " " + "y".repeat(WordIndex.MAX_WORD + 1) + " short",
				"```python\nimport os\nos.system(\"rm -rf /\")\n```", "", "   ...   ", "MiXeD mixed MIXED 007 7",
				"ends with a word");
		Map<String, List<Integer>> expected = new TreeMap<>();
		ChunkWords table = new ChunkWords();
		for (int position = 0; position < answers.size(); position++) {
			int answer = position;
			searched(answers.get(position))
				.forEach((word) -> expected.computeIfAbsent(word, (w) -> new ArrayList<>()).add(answer));
			table.add(answers.get(position), position);
		}
		assertThat(contents(table)).isEqualTo(expected);
		assertThat(expected).containsKeys("hello", "world", "world2", "m", "chte", "ber", "caf", "na", "ve", "script",
				"x".repeat(WordIndex.MAX_WORD), "007", "7", "rm");
		assertThat(expected).doesNotContainKey("y".repeat(WordIndex.MAX_WORD + 1));
		assertThat(expected.get("mixed")).containsExactly(6);
	}

	@Test
	void keepsEveryWordWhenTheTableGrows() {
		Random random = new Random(7);
		Map<String, List<Integer>> expected = new TreeMap<>();
		ChunkWords table = new ChunkWords();
		for (int position = 0; position < 3000; position++) {
			StringBuilder answer = new StringBuilder();
			for (int i = 0; i < 40; i++) {
				answer.append("Word").append(random.nextInt(100_000)).append(i % 7 == 0 ? ". " : " ");
			}
			int at = position;
			searched(answer.toString())
				.forEach((word) -> expected.computeIfAbsent(word, (w) -> new ArrayList<>()).add(at));
			table.add(answer.toString(), position);
		}
		assertThat(expected.size()).isGreaterThan(50_000);
		assertThat(contents(table)).isEqualTo(expected);
		table.clear();
		assertThat(contents(table)).isEmpty();
	}

	/**
	 * The words a search splits the text into, as the index holds them (not too long).
	 */
	private static List<String> searched(String text) {
		return TextSearch.words(text).stream().filter((word) -> word.length() <= WordIndex.MAX_WORD).toList();
	}

	private static Map<String, List<Integer>> contents(ChunkWords table) {
		Map<String, List<Integer>> found = new TreeMap<>();
		for (int slot = 0; slot < table.slots(); slot++) {
			if (table.word(slot) != null) {
				found.put(table.word(slot),
						Arrays.stream(VarintBytes.positions(table.positions(slot).encode())).boxed().toList());
			}
		}
		return found;
	}

}
