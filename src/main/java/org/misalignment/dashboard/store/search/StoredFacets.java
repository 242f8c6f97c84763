package org.misalignment.dashboard.store.search;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.cells.CellBands;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The facets of a filter without text or flags, from the pre-aggregates instead of the
 * answers: from the band counts of {@code sample_cell} when the rule fits the bands and
 * no score range is set, else from the cells' score pairs ({@code cell_scores}), each
 * pair judged as {@link AnswerQuery} judges an answer.
 */
final class StoredFacets {

	private final JdbcClient jdbc;

	StoredFacets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts the facets into {@code counts}: the cell facets from {@code sample_cell}
	 * when no score filter is set, else from the cells' score pairs; the score facets
	 * from the score pairs of the cells that pass the cell filters.
	 */
	void count(long datasetId, AnswerFilter filter, DatasetCatalog catalog, FacetCounts counts) {
		boolean ranges = filter.alignedMin() != null || filter.alignedMax() != null || filter.coherentMinScore() != null
				|| filter.coherentMaxScore() != null;
		boolean judged = !filter.rule().plainJudge();
		if (!judged && !ranges && CellBands.fits(filter.rule()) && banded(datasetId, filter, catalog, counts)) {
			return;
		}
		// under judge=X every count is of X's pairs (judge_scores): the answers X scored
		boolean scoreFilters = filter.verdict() != null || filter.excludedVerdict() != null
				|| filter.alignedBand() != null || filter.coherentBand() != null || ranges || judged;
		Map<List<Object>, long[]> cellTotals = new HashMap<>();
		if (!scoreFilters) {
			this.jdbc
				.sql("SELECT model_id, question_ref, condition_name, answers FROM sample_cell WHERE dataset_id = ?")
				.param(datasetId)
				.query((row) -> {
					cellTotals.put(List.of(row.getLong(1), row.getLong(2), row.getString(3)),
							new long[] { row.getLong(4) });
				});
		}
		AnswerFilter cellsOnly = filter;
		for (Facet facet : FacetCounts.SCORE_FACETS) {
			cellsOnly = cellsOnly.without(facet);
		}
		// a cell's pairs are read when a score filter counts them, or when the cell
		// passes every cell filter
		Rule plain = filter.rule().withJudge(Rule.PLAIN_JUDGE);
		AnswerQuery cells = AnswerQuery.of(datasetId, scoreFilters ? AnswerFilter.none(plain) : cellsOnly, catalog);
		String table = judged ? "judge_scores s" : "cell_scores s";
		List<Object> parameters = new ArrayList<>(cells.parameters);
		if (judged) {
			parameters.add(filter.rule().judge());
		}
		// answers per verdict × aligned band × coherent band, as ScoreCode numbers them
		long[] scoreCounts = new long[ScoreCode.CODES];
		ScoreCode codes = new ScoreCode(filter);
		this.jdbc
			.sql("SELECT s.model_id, s.question_ref, s.condition_name, s.scores" + cells.from(table)
					+ (judged ? " AND s.judge = ?" : ""))
			.params(parameters)
			.query((row) -> {
				List<Object> cell = List.of(row.getLong(1), row.getLong(2), row.getString(3));
				boolean cellPasses = catalog.passesCellFilters(cell, filter);
				long[] passing = scoreFilters ? cellTotals.computeIfAbsent(cell, (k) -> new long[1]) : null;
				ByteBuffer pairs = ByteBuffer.wrap(row.getBytes(4));
				while (pairs.remaining() >= 16) {
					double aligned = pairs.getDouble();
					double coherent = pairs.getDouble();
					if (!codes.inRanges(aligned, coherent)) {
						continue;
					}
					int code = codes.code(aligned, coherent);
					if (passing != null && codes.passes(code)) {
						passing[0]++;
					}
					if (cellPasses) {
						scoreCounts[code]++;
					}
				}
			});
		counts.add(catalog, cellTotals, scoreCounts);
	}

	/**
	 * Counts the facets from the band counts of {@code sample_cell}, for a rule that
	 * {@link CellBands#fits fits} the bands and a filter without score ranges: a few
	 * numbers per cell instead of every answer's scores. Counts nothing and returns
	 * {@code false} when a cell lacks its band counts.
	 */
	private boolean banded(long datasetId, AnswerFilter filter, DatasetCatalog catalog, FacetCounts counts) {
		Map<List<Object>, long[]> cellTotals = new HashMap<>();
		long[] scoreCounts = new long[ScoreCode.CODES];
		ScoreCode codes = new ScoreCode(filter);
		Rule rule = filter.rule();
		int[] codeOfSlot = new int[CellBands.SIZE];
		for (int slot = 0; slot < CellBands.SIZE; slot++) {
			codeOfSlot[slot] = CellBands.verdict(rule, slot).ordinal() * CellBands.SIZE + slot;
		}
		boolean[] complete = { true };
		this.jdbc.sql("SELECT model_id, question_ref, condition_name, bands FROM sample_cell WHERE dataset_id = ?")
			.param(datasetId)
			.query((row) -> {
				byte[] packed = row.getBytes(4);
				if (packed == null) {
					complete[0] = false;
					return;
				}
				List<Object> cell = List.of(row.getLong(1), row.getLong(2), row.getString(3));
				boolean cellPasses = catalog.passesCellFilters(cell, filter);
				int[] bands = CellBands.unpack(packed);
				long passing = 0;
				for (int slot = 0; slot < CellBands.SIZE; slot++) {
					if (bands[slot] == 0) {
						continue;
					}
					int code = codeOfSlot[slot];
					if (codes.passes(code)) {
						passing += bands[slot];
					}
					if (cellPasses) {
						scoreCounts[code] += bands[slot];
					}
				}
				cellTotals.put(cell, new long[] { passing });
			});
		if (!complete[0]) {
			return false;
		}
		counts.add(catalog, cellTotals, scoreCounts);
		return true;
	}

}
