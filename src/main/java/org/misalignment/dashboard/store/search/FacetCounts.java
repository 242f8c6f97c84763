package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.store.cells.ScoreBand;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerSearch.FacetValue;
import org.misalignment.dashboard.store.search.AnswerSearch.Facets;

/**
 * The counts of one request's facets as they add up: each count goes to the facets whose
 * other filters it passes (a facet's counts apply every filter but its own), and to the
 * total when it passes them all; then each facet's values in their order, the selected
 * one listed even when nothing else matches it.
 */
final class FacetCounts {

	/**
	 * The facets of a cell (model × question × condition): every answer of a cell has the
	 * same values.
	 */
	static final List<Facet> CELL_FACETS = List.of(Facet.GROUP, Facet.MODEL, Facet.QUESTION, Facet.CATEGORY,
			Facet.CONDITION);

	/** The facets of an answer's scores under the rule. */
	static final List<Facet> SCORE_FACETS = List.of(Facet.VERDICT, Facet.ALIGNED_BAND, Facet.COHERENT_BAND);

	private final AnswerFilter filter;

	private final Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);

	private long total;

	FacetCounts(AnswerFilter filter) {
		this.filter = filter;
		for (Facet facet : Facet.values()) {
			this.counts.put(facet, new HashMap<>());
		}
	}

	/**
	 * Adds a row's count to each facet whose other filters it passes; returns whether it
	 * passes them all.
	 */
	boolean add(List<Facet> facets, Map<Facet, String> keys, long count) {
		Set<Facet> failing = EnumSet.noneOf(Facet.class);
		for (Facet facet : facets) {
			if (!this.filter.admits(facet, keys.get(facet))) {
				failing.add(facet);
			}
		}
		for (Facet facet : facets) {
			if (failing.isEmpty() || (failing.size() == 1 && failing.contains(facet))) {
				this.counts.get(facet).merge(keys.get(facet), count, Long::sum);
			}
		}
		return failing.isEmpty();
	}

	/** Counts answers that pass the whole filter. */
	void addToTotal(long answers) {
		this.total += answers;
	}

	/**
	 * Adds answers counted per cell (those passing the score filters) and per
	 * {@link ScoreCode} (those passing the cell filters), as the pre-aggregates and the
	 * word index count them.
	 */
	void add(DatasetCatalog catalog, Map<List<Object>, long[]> cellTotals, long[] scoreCounts) {
		cellTotals.forEach((cell, count) -> {
			if (count[0] > 0) {
				add(CELL_FACETS, catalog.cellKeys(cell), count[0]);
			}
		});
		for (int code = 0; code < ScoreCode.CODES; code++) {
			if (scoreCounts[code] > 0 && add(SCORE_FACETS, ScoreCode.keys(code), scoreCounts[code])) {
				this.total += scoreCounts[code];
			}
		}
	}

	/** The counts of a facet's values, for counting them apart (the flags). */
	Map<String, Long> of(Facet facet) {
		return this.counts.get(facet);
	}

	/** Every facet's values with their counts, and the total. */
	Facets facets(Comparator<String> questionOrder) {
		Map<Facet, List<FacetValue>> values = new EnumMap<>(Facet.class);
		for (Facet facet : Facet.values()) {
			values.put(facet, values(facet, this.counts.get(facet), this.filter.value(facet), questionOrder));
		}
		Map<String, List<FacetValue>> attributes = Map.of();
		if (this.filter.attributes() != null) {
			attributes = this.filter.attributes().facets(this.counts.get(Facet.MODEL), this.filter.model());
			// the model facet's counts leave out the attributes picked: it lists the
			// models
			// that have them
			values.put(Facet.MODEL,
					values.get(Facet.MODEL)
						.stream()
						.filter((value) -> value.active() || !this.filter.pickedAttributes()
								|| this.filter.attributes().admits(value.value()))
						.toList());
		}
		return new Facets(values, this.total, attributes);
	}

	/**
	 * Names in their natural order ({@code backdoor-2} before {@code backdoor-10}, the
	 * same order as every table on the site), questions in the site's question order,
	 * verdicts, bands and flags in their own; the selected value always.
	 */
	private static List<FacetValue> values(Facet facet, Map<String, Long> counts, String selected,
			Comparator<String> questionOrder) {
		List<String> values;
		if (facet == Facet.VERDICT) {
			values = List.of("misaligned", "aligned", "ineligible");
		}
		else if (facet == Facet.ALIGNED_BAND || facet == Facet.COHERENT_BAND) {
			values = ScoreBand.all().stream().map(ScoreBand::parameter).toList();
		}
		else if (facet == Facet.FLAG) {
			values = new ArrayList<>(List.of("any"));
			values.addAll(Arrays.stream(FlagLabel.values()).map(FlagLabel::parameter).toList());
		}
		else {
			values = counts.keySet()
				.stream()
				.sorted((facet == Facet.QUESTION) ? questionOrder : NaturalOrder.TEXT)
				.toList();
		}
		List<FacetValue> result = new ArrayList<>();
		for (String value : values) {
			long count = counts.getOrDefault(value, 0L);
			boolean active = value.equals(selected);
			if (count > 0 || active) {
				result.add(new FacetValue(value, count, active));
			}
		}
		if (selected != null && !values.contains(selected)) {
			result.add(0, new FacetValue(selected, 0, true));
		}
		return result;
	}

}
