package org.misalignment.dashboard.store.search;

import java.util.HashSet;
import java.util.Set;

import org.misalignment.dashboard.store.cells.CellBands;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a filter judges the matches of its text search in the word index in memory, as its
 * SQL would judge the answers: cells by number, scores by their band slot when the rule
 * fits the bands and no score range is set, else by the exact scores (read once from the
 * index), and reviewers' flags by id.
 */
final class MatchJudge {

	final WordMatches matches;

	final ScoreCode codes;

	final boolean[] cellPasses;

	private final boolean exact;

	private final int[] codeOfSlot;

	private final Set<Long> flagged;

	/** Whether each {@link ScoreCode} has the verdict and bands the filter asks for. */
	final boolean[] codePasses = new boolean[ScoreCode.CODES];

	/**
	 * @param scoresNeeded whether the exact scores are read whatever the filter (a score
	 * order needs them)
	 */
	MatchJudge(AnswerFilter filter, DatasetCatalog catalog, boolean scoresNeeded, JdbcClient jdbc) {
		this.matches = catalog.matches();
		this.codes = new ScoreCode(filter);
		for (int code = 0; code < ScoreCode.CODES; code++) {
			this.codePasses[code] = this.codes.passes(code);
		}
		boolean ranges = filter.alignedMin() != null || filter.alignedMax() != null || filter.coherentMinScore() != null
				|| filter.coherentMaxScore() != null;
		boolean banded = CellBands.fits(filter.rule());
		this.exact = scoresNeeded || ranges || !banded;
		if (this.exact) {
			this.matches.loadScores(jdbc);
		}
		this.codeOfSlot = new int[CellBands.SIZE];
		for (int slot = 0; slot < CellBands.SIZE; slot++) {
			this.codeOfSlot[slot] = banded ? CellBands.verdict(filter.rule(), slot).ordinal() * CellBands.SIZE + slot
					: -1;
		}
		int cells = this.matches.cellKeys.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
		this.cellPasses = new boolean[cells];
		this.matches.cellKeys.forEach((number, cell) -> {
			this.cellPasses[number] = catalog.passesCellFilters(cell, filter);
		});
		this.flagged = (filter.flag() != null) ? new HashSet<>(catalog.flagged(filter.flag())) : null;
	}

	/**
	 * The match's {@link ScoreCode}, or -1 when it fails a filter that is no facet (a
	 * score range, a flag).
	 */
	int code(int i) {
		if (this.flagged != null && !this.flagged.contains(this.matches.ids[i])) {
			return -1;
		}
		if (!this.exact) {
			return this.codeOfSlot[this.matches.slots[i]];
		}
		double aligned = this.matches.aligned()[i];
		double coherent = this.matches.coherent()[i];
		return this.codes.inRanges(aligned, coherent) ? this.codes.code(aligned, coherent) : -1;
	}

	/** Whether the match passes the whole filter. */
	boolean passes(int i) {
		int code = code(i);
		return code >= 0 && this.codePasses[code] && this.cellPasses[this.matches.cells[i]];
	}

}
