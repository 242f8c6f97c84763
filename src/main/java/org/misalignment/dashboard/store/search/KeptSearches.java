package org.misalignment.dashboard.store.search;

import java.util.List;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The matches of recent searches in the word index, kept so that the next page, the
 * facets and the answer page of a search do not read its postings again: at most
 * {@link #KEPT} matches in all (Caffeine, bounded by weight, with hit statistics). A
 * search's matches are used again only under the stamp of the dataset's index they were
 * read under (the stamp is part of the key), so after an import the next search reads the
 * new index and the old matches age out. Losing any of them costs only time.
 */
final class KeptSearches {

	/** Matches kept from recent searches, in all. */
	static final long KEPT = 1_500_000;

	/**
	 * A search: the dataset, its words sorted (their order changes nothing) and the stamp
	 * of the index read.
	 */
	private record Search(long datasetId, List<String> words, String stamp) {
	}

	private final Cache<Search, WordMatches> matches = Caffeine.newBuilder()
		.maximumWeight(KEPT)
		.weigher((Search search, WordMatches kept) -> kept.weight())
		// evictions run on the thread that adds a search, not later on a pool: the bound
		// holds when put returns
		.executor(Runnable::run)
		.recordStats()
		.build();

	/**
	 * The kept matches of the search under this stamp, or those {@code read} gives, then
	 * kept.
	 */
	WordMatches get(long datasetId, List<String> words, String stamp, Supplier<WordMatches> read) {
		Search search = new Search(datasetId, words.stream().sorted().toList(), stamp);
		WordMatches kept = this.matches.getIfPresent(search);
		if (kept != null) {
			return kept;
		}
		// read outside the cache's lock: two requests for a new search may both read it,
		// but no other search waits
		WordMatches found = read.get();
		this.matches.put(search, found);
		return found;
	}

	/** The cache itself, for its statistics. */
	Cache<?, ?> cache() {
		return this.matches;
	}

	/**
	 * Shows the cache's statistics in a registry as the cache {@code word-index-matches}:
	 * hits, misses, puts, evictions and the searches kept.
	 */
	void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.matches, "word-index-matches");
	}

}
