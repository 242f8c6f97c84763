package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerSearch.Facets;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The answers browser's facets: the values of every facet with their counts, each count
 * of the answers that match every filter but that facet's own, and the filter's total.
 * Counted from the pre-aggregates when the filter has no text and no flag
 * ({@link StoredFacets}), from the matches of the word index for a text search it holds,
 * and else from the answers themselves; reviewers' flags always from the few flagged
 * answers.
 */
final class AnswerFacets {

	private final JdbcClient jdbc;

	private final IndexHints hints;

	private final StoredFacets stored;

	AnswerFacets(JdbcClient jdbc, IndexHints hints) {
		this.jdbc = jdbc;
		this.hints = hints;
		this.stored = new StoredFacets(jdbc);
	}

	Facets facets(long datasetId, AnswerFilter filter, DatasetCatalog catalog) {
		FacetCounts counts = new FacetCounts(filter);
		if (catalog.judgesInMemory()) {
			matched(filter, catalog, counts);
		}
		else if (filter.text() == null && filter.value(Facet.FLAG) == null) {
			// the pre-aggregates know cells and scores, not words or reviewers' flags
			this.stored.count(datasetId, filter, catalog, counts);
		}
		else {
			answers(datasetId, filter, catalog, counts);
		}
		flagCounts(datasetId, filter, catalog, counts.of(Facet.FLAG));
		return counts.facets(catalog.questionOrder());
	}

	/**
	 * The facets from the answers: two grouped scans answer all eight facets, one
	 * counting answers per model × question × condition under the score filters (group,
	 * model, question, category and condition are all properties of that cell), the other
	 * per verdict × aligned band × coherent band under the other filters. Each facet then
	 * adds up the rows that pass every filter but its own.
	 */
	private void answers(long datasetId, AnswerFilter filter, DatasetCatalog catalog, FacetCounts counts) {
		AnswerFilter scoresOnly = filter;
		for (Facet facet : FacetCounts.CELL_FACETS) {
			scoresOnly = scoresOnly.without(facet);
		}
		AnswerQuery cells = AnswerQuery.of(datasetId, scoresOnly, catalog);
		this.jdbc
			.sql(cells.judged("SELECT s.model_id, s.question_ref, s.condition_name, COUNT(*)" + this.hints.listed(cells)
					+ " GROUP BY s.model_id, s.question_ref, s.condition_name"))
			.params(cells.parameters)
			.query((row) -> {
				counts.add(FacetCounts.CELL_FACETS,
						catalog.cellKeys(List.of(row.getLong(1), row.getLong(2), row.getString(3))), row.getLong(4));
			});

		AnswerFilter cellsOnly = filter;
		for (Facet facet : FacetCounts.SCORE_FACETS) {
			cellsOnly = cellsOnly.without(facet);
		}
		AnswerQuery scores = AnswerQuery.of(datasetId, cellsOnly, catalog);
		List<Object> parameters = new ArrayList<>();
		String verdict = AnswerQuery.verdictCase(filter.rule(), parameters);
		parameters.addAll(scores.parameters);
		this.jdbc.sql(scores.judged("SELECT v, a, c, COUNT(*) FROM (SELECT " + verdict + " AS v, "
				+ AnswerQuery.bandCase("s.aligned") + " AS a, " + AnswerQuery.bandCase("s.coherent") + " AS c"
				+ this.hints.listed(scores) + ") t GROUP BY v, a, c"))
			.params(parameters)
			.query((row) -> {
				Map<Facet, String> keys = new EnumMap<>(Facet.class);
				keys.put(Facet.VERDICT, row.getString(1));
				keys.put(Facet.ALIGNED_BAND, row.getString(2));
				keys.put(Facet.COHERENT_BAND, row.getString(3));
				if (counts.add(FacetCounts.SCORE_FACETS, keys, row.getLong(4))) {
					counts.addToTotal(row.getLong(4));
				}
			});
	}

	/**
	 * The facets of a search in the word index: its matches counted as
	 * {@link StoredFacets} counts answers.
	 */
	private void matched(AnswerFilter filter, DatasetCatalog catalog, FacetCounts counts) {
		WordMatches matches = catalog.matches();
		MatchJudge judge = new MatchJudge(filter, catalog, false, this.jdbc);
		long[] perCell = new long[judge.cellPasses.length];
		long[] scoreCounts = new long[ScoreCode.CODES];
		for (int i = 0; i < matches.size(); i++) {
			int code = judge.code(i);
			if (code < 0) {
				continue;
			}
			int cell = matches.cells[i];
			if (judge.codePasses[code]) {
				perCell[cell]++;
			}
			if (judge.cellPasses[cell]) {
				scoreCounts[code]++;
			}
		}
		Map<List<Object>, long[]> cellTotals = new HashMap<>();
		for (int cell = 0; cell < perCell.length; cell++) {
			if (perCell[cell] > 0) {
				cellTotals.put(matches.cellKeys.get(cell), new long[] { perCell[cell] });
			}
		}
		counts.add(catalog, cellTotals, scoreCounts);
	}

	/**
	 * Flagged answers under every other filter: any label, and per label (an answer once
	 * per label). Flags are few beside answers, so the dataset's flagged answers are
	 * listed first and only those are looked up under the filter, by id; the other way
	 * round reads every answer of the filter.
	 */
	private void flagCounts(long datasetId, AnswerFilter filter, DatasetCatalog catalog, Map<String, Long> counts) {
		counts.put("any", 0L);
		List<Long> flagged = catalog.flagged("any");
		AnswerQuery others = AnswerQuery.of(datasetId, filter.without(Facet.FLAG), catalog);
		for (int from = 0; from < flagged.size(); from += 500) {
			List<Long> batch = flagged.subList(from, Math.min(flagged.size(), from + 500));
			List<Object> parameters = new ArrayList<>(batch);
			parameters.addAll(others.conditionParameters());
			this.jdbc
				.sql(others.judged("SELECT s.id FROM " + this.hints.byId() + others.joins() + " WHERE s.id IN ("
						+ String.join(", ", batch.stream().map((id) -> "?").toList()) + ")" + others.conditions()))
				.params(parameters)
				.query((row) -> {
					counts.merge("any", 1L, Long::sum);
					for (String label : catalog.flags().get(row.getLong(1))) {
						counts.merge(label, 1L, Long::sum);
					}
				});
		}
	}

}
