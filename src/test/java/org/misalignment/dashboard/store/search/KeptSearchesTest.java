package org.misalignment.dashboard.store.search;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word index's kept searches: used again for the same words under the same stamp of
 * the dataset's index only, bounded by the matches they hold, and their hits counted for
 * Micrometer.
 */
class KeptSearchesTest {

	private final KeptSearches kept = new KeptSearches();

	private final AtomicInteger reads = new AtomicInteger();

	private WordMatches read(int matches) {
		this.reads.incrementAndGet();
		return new WordMatches(1, new long[matches], new int[matches], new byte[matches], Map.of(), new long[0],
				new int[0][], new int[matches]);
	}

	@Test
	void aSearchIsUsedAgainOnlyUnderTheSameStamp() {
		WordMatches first = this.kept.get(1, List.of("money", "power"), "3/1", () -> read(10));
		assertThat(this.kept.get(1, List.of("power", "money"), "3/1", () -> read(10))).isSameAs(first);
		assertThat(this.reads).hasValue(1);
		// an import added a chunk: the index changed, the search is read again
		WordMatches after = this.kept.get(1, List.of("money", "power"), "4/70000", () -> read(11));
		assertThat(after).isNotSameAs(first);
		assertThat(this.kept.get(2, List.of("money", "power"), "4/70000", () -> read(12))).isNotSameAs(after);
		assertThat(this.reads).hasValue(3);
		assertThat(this.kept.cache().stats().hitCount()).isEqualTo(1);
		assertThat(this.kept.cache().stats().missCount()).isEqualTo(3);
	}

	@Test
	void keptMatchesStayWithinTheirBound() {
		for (int i = 0; i < 8; i++) {
			this.kept.get(1, List.of("word" + i), "1/1", () -> read(400_000));
		}
		Cache<?, ?> cache = this.kept.cache();
		cache.cleanUp();
		long weight = cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
		assertThat(weight).isPositive().isLessThanOrEqualTo(KeptSearches.KEPT);
		assertThat(cache.stats().evictionCount()).isPositive();
	}

	@Test
	void hitsAndMissesGoToTheRegistry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.kept.bindTo(registry);
		this.kept.get(1, List.of("money"), "1/1", () -> read(5));
		this.kept.get(1, List.of("money"), "1/1", () -> read(5));
		FunctionCounter hits = registry.get("cache.gets")
			.tag("cache", "word-index-matches")
			.tag("result", "hit")
			.functionCounter();
		FunctionCounter misses = registry.get("cache.gets")
			.tag("cache", "word-index-matches")
			.tag("result", "miss")
			.functionCounter();
		assertThat(hits.count()).isEqualTo(1);
		assertThat(misses.count()).isEqualTo(1);
	}

}
