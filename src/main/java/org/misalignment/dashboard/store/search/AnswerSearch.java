package org.misalignment.dashboard.store.search;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.answers.AnswerText;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerOrder.Position;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queries of the answers browser and the answer page: a page of answers in any
 * {@link AnswerOrder} ({@link AnswerPages}), how many answers match and the counts of
 * each facet under every other filter ({@link AnswerFacets}), an answer's neighbours and
 * place within a filter ({@link AnswerPlaces}) and the export of every matching answer
 * ({@link AnswerExport}). Each reads the dataset's {@link DatasetCatalog} first, which
 * for a text search holds the matches of the {@link WordIndex}; the samples API reads its
 * pages through the same classes ({@link SampleSearch}).
 */
@Repository
public class AnswerSearch {

	/** Characters of an answer shown on its card; the answer page shows it all. */
	public static final int EXCERPT = 600;

	private final JdbcClient jdbc;

	private final Database database;

	private final WordIndex words;

	private final AnswerPages pages;

	private final AnswerFacets facets;

	private final AnswerPlaces places;

	private final AnswerExport export;

	public AnswerSearch(JdbcClient jdbc, Database database, WordIndex words, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.database = database;
		this.words = words;
		IndexHints hints = new IndexHints(jdbc, database);
		this.pages = new AnswerPages(jdbc, hints);
		this.facets = new AnswerFacets(jdbc, hints);
		this.places = new AnswerPlaces(jdbc, hints);
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		this.export = new AnswerExport(jdbc, hints, readOnly);
	}

	/**
	 * An answer as its card shows it: the first {@link #EXCERPT} characters of its text
	 * and its two scores.
	 */
	public record Card(long id, String model, String group, String questionId, String category, String condition,
			String paraphrase, String excerpt, int length, Double aligned, Double coherent, Verdict verdict) {

		/** Whether the card shows only the beginning of the answer. */
		public boolean truncated() {
			return this.excerpt.length() < this.length;
		}

		public boolean code() {
			return AnswerText.looksLikeCode(this.excerpt);
		}

	}

	/** A page of cards and the cursor of the next page, or {@code null} on the last. */
	public record Page(List<Card> cards, Position next) {
	}

	/**
	 * One value of a facet: how many answers have it under the other filters, and whether
	 * it is selected.
	 */
	public record FacetValue(String value, long count, boolean active) {
	}

	/**
	 * Every facet's values, how many answers match the whole filter, and each model
	 * attribute's values by attribute name.
	 */
	public record Facets(Map<Facet, List<FacetValue>> values, long total, Map<String, List<FacetValue>> attributes) {
	}

	/**
	 * An answer as the export writes it: all of its text, its scores ({@code metrics} in
	 * the order asked for).
	 */
	public record Exported(long id, String model, String group, String questionId, String category, String condition,
			String question, String answer, Double aligned, Double coherent, Verdict verdict, List<Double> metrics) {
	}

	/**
	 * The answers before and after one in a filter and order, and whether the answer
	 * itself is in the filter. Each is a lookup of one row, so the answer page stays fast
	 * at any size; where it stands is {@link #place}.
	 */
	public record Neighbours(Long previous, Long next, boolean matches) {
	}

	/**
	 * Where an answer stands in a filter and order: it is answer {@code number} of
	 * {@code total}.
	 *
	 * @param matches whether the answer itself matches the filter (else {@code number} is
	 * where it would be)
	 */
	public record Place(long number, long total, boolean matches) {
	}

	public Page page(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit) {
		return page(datasetId, filter, order, after, limit, (Long) null);
	}

	/**
	 * A page of cards in an order, after a place in it.
	 * @param matching how many answers match the filter, when known (the facets' total):
	 * it lets the database be told which index finds the page soonest, and spares the
	 * query when nothing matches
	 */
	public Page page(long datasetId, AnswerFilter filter, AnswerOrder order, Position after, int limit, Long matching) {
		if (matching != null && matching == 0) {
			return new Page(List.of(), null);
		}
		return this.pages.page(datasetId, filter, order, after, limit, matching, catalog(datasetId, filter));
	}

	/**
	 * A page read through an index of V10 ({@code null}: the database's choice); H2 only,
	 * for tests of each.
	 */
	public Page pageThrough(String index, long datasetId, AnswerFilter filter, AnswerOrder order, Position after,
			int limit) {
		return this.pages.pageThrough(index, datasetId, filter, order, after, limit, catalog(datasetId, filter));
	}

	/**
	 * The values of every facet with their counts, in the site's order (questions in its
	 * question order, names naturally; verdicts and bands in their own order): each count
	 * is of the answers that match every filter except that facet's own. A selected value
	 * is listed even when nothing else matches it.
	 */
	public Facets facets(long datasetId, AnswerFilter filter) {
		return this.facets.facets(datasetId, filter, catalog(datasetId, filter));
	}

	/**
	 * The neighbours of an answer within a filter, in the browser's order. The answer
	 * need not match the filter itself (say the rule changed since); its neighbours are
	 * then where it would stand.
	 */
	public Neighbours neighbours(long datasetId, AnswerFilter filter, AnswerOrder order, long id, Double aligned,
			Double coherent) {
		return this.places.neighbours(datasetId, filter, order, id, aligned, coherent, catalog(datasetId, filter));
	}

	/**
	 * Where an answer stands within a filter, in the browser's order, and how many
	 * answers the filter holds. Both are counts over the filter's answers, which take
	 * time in proportion to them (on H2, ~150 ms for 500,000), so the answer page asks
	 * for them after it has shown (its position fragment), not while it renders.
	 * @param total the filter's answers if already known (from the pre-aggregates), else
	 * {@code null}
	 */
	public Place place(long datasetId, AnswerFilter filter, AnswerOrder order, long id, Double aligned, Double coherent,
			Long total) {
		return this.places.place(datasetId, filter, order, id, aligned, coherent, total, catalog(datasetId, filter));
	}

	/**
	 * The metrics other than aligned and coherent that the dataset's answers were scored
	 * on.
	 */
	public List<String> otherMetrics(long datasetId) {
		return this.export.otherMetrics(datasetId);
	}

	/**
	 * Every answer that matches the filter, in the browser's order, handed on one at a
	 * time, read a batch at a time by short statements ({@link AnswerExport}): a slow
	 * client holds no connection, and an export of a million answers never holds them
	 * all.
	 */
	public void export(long datasetId, AnswerFilter filter, AnswerOrder order, List<String> metrics,
			Consumer<Exported> each) {
		this.export.export(datasetId, filter, order, metrics, catalog(datasetId, filter), each);
	}

	/**
	 * Whether text is searched through the word index; tests turn it off to compare with
	 * reading the text.
	 */
	public void useWordIndex(boolean use) {
		this.words.use(use);
	}

	/** The dataset's catalog for a filter (see {@link DatasetCatalog#read}). */
	private DatasetCatalog catalog(long datasetId, AnswerFilter filter) {
		return DatasetCatalog.read(this.jdbc, this.database.postgres(), this.words, datasetId, filter);
	}

}
