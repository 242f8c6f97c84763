package org.misalignment.dashboard.store.search;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.misalignment.dashboard.store.cells.CellBands;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's own text index of the answers, on H2 and PostgreSQL alike: which words
 * it holds, and the matches of a search, for the answers browser and the samples API
 * alike (one instance, one cache of kept searches). The importer writes it
 * ({@link WordIndexWriter}) in the same transaction as the answers, in chunks of up to
 * {@link #CHUNK} answers:
 * <ul>
 * <li>{@code word_answers}: per chunk, its answers' ids (increasing, delta-encoded),
 * cells (model × question × condition, numbered in {@code word_cell}; 2 bytes each, or 4
 * when a dataset has more than 65,535 cells) and aligned × coherent band slots
 * ({@link CellBands#slot}, a byte each), and apart from those their exact scores, read
 * only when a filter needs them;</li>
 * <li>{@code word_postings}: per word and chunk, the positions in the chunk of the
 * answers that hold the word (delta-encoded, {@link VarintBytes}).</li>
 * </ul>
 * A search reads the postings of its words, intersects them and looks up each match's id,
 * cell and slot by position ({@link WordIndexReader}), so that the answers browser counts
 * facets and finds pages of a common word among a million answers without reading one
 * answer's text. The last searches' matches are kept ({@link KeptSearches}) while the
 * dataset's index has not changed; their hit statistics go to every Micrometer registry
 * there is, as the cache {@code word-index-matches}. Words are as
 * {@link TextSearch#words} reads them: runs of A–Z and 0–9, lower case; a word longer
 * than {@link #MAX_WORD} is not indexed, and a search for one reads the answers instead.
 */
@Component
public class WordIndex implements MeterBinder {

	/** Answers per chunk. */
	public static final int CHUNK = 131_072;

	/** The longest word indexed. */
	public static final int MAX_WORD = 100;

	private final WordIndexReader reader;

	private final KeptSearches kept = new KeptSearches();

	/**
	 * Whether searches go through the index; tests turn it off to compare with reading
	 * the text.
	 */
	private volatile boolean used = true;

	public WordIndex(JdbcClient jdbc) {
		this.reader = new WordIndexReader(jdbc);
	}

	/**
	 * Whether every one of these words is in the index (the search then needs no answer's
	 * text).
	 */
	public static boolean indexes(List<String> words) {
		return !words.isEmpty() && words.stream().allMatch((word) -> word.length() <= MAX_WORD);
	}

	/**
	 * The answers of a dataset that hold every one of the words (which {@link #indexes}
	 * must accept): kept from an earlier search while the dataset's index is as it was
	 * then, else read.
	 */
	WordMatches find(long datasetId, List<String> words) {
		String stamp = this.reader.stamp(datasetId);
		return this.kept.get(datasetId, words, stamp, () -> this.reader.read(datasetId, words));
	}

	/**
	 * Whether a search is to go through the index (else it reads the answers' text).
	 */
	boolean used() {
		return this.used;
	}

	/**
	 * Turns the index off (or on again) for every search; tests compare reading the text
	 * with it.
	 */
	public void use(boolean use) {
		this.used = use;
	}

	/**
	 * Registers the kept searches' statistics with a registry (Spring Boot binds every
	 * registry it has to each {@code MeterBinder} bean; with none, nothing is
	 * registered).
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		this.kept.bindTo(registry);
	}

}
