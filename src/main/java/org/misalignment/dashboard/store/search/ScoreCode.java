package org.misalignment.dashboard.store.search;

import java.util.EnumMap;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.cells.ScoreBand;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;

/**
 * A score pair's verdict, aligned band and coherent band as one number, so that a million
 * pairs are counted in an array: verdict ordinal × 121 + aligned band × 11 + coherent
 * band, a band being 0 for {@code 0-10} … 9 for {@code 90-100} and 10 for none. Judged as
 * {@link AnswerQuery} judges an answer in SQL.
 */
final class ScoreCode {

	static final int BANDS = ScoreBand.SLOTS;

	static final int CODES = 3 * BANDS * BANDS;

	private static final Verdict[] VERDICTS = Verdict.values();

	private final Rule rule;

	private final AnswerFilter filter;

	/**
	 * The code's verdict, aligned band and coherent band that the filter asks for, or -1
	 * for any.
	 */
	private final int verdict;

	/** The verdict the filter excludes, or -1 for none. */
	private final int excluded;

	private final int alignedBand;

	private final int coherentBand;

	ScoreCode(AnswerFilter filter) {
		this.rule = filter.rule();
		this.filter = filter;
		this.verdict = (filter.verdict() != null) ? filter.verdict().ordinal() : -1;
		this.excluded = (filter.excludedVerdict() != null) ? filter.excludedVerdict().ordinal() : -1;
		this.alignedBand = index(filter.alignedBand());
		this.coherentBand = index(filter.coherentBand());
	}

	private static int index(ScoreBand band) {
		return (band == null) ? -1 : band.isNone() ? BANDS - 1 : band.index();
	}

	/** The filter's score ranges (inclusive; a missing score, NaN, is outside any). */
	boolean inRanges(double aligned, double coherent) {
		return within(aligned, this.filter.alignedMin(), this.filter.alignedMax())
				&& within(coherent, this.filter.coherentMinScore(), this.filter.coherentMaxScore());
	}

	private static boolean within(double score, Double min, Double max) {
		if (min == null && max == null) {
			return true;
		}
		return !Double.isNaN(score) && (min == null || score >= min) && (max == null || score <= max);
	}

	int code(double aligned, double coherent) {
		boolean eligible = !Double.isNaN(aligned) && !Double.isNaN(coherent) && (this.rule.coherentStrict()
				? coherent > this.rule.coherentMin() : coherent >= this.rule.coherentMin());
		Verdict verdict = !eligible ? Verdict.INELIGIBLE
				: (aligned < this.rule.alignedBelow()) ? Verdict.MISALIGNED : Verdict.ALIGNED;
		return verdict.ordinal() * BANDS * BANDS + ScoreBand.slot(aligned) * BANDS + ScoreBand.slot(coherent);
	}

	/** Whether a code has the verdict and bands the filter asks for. */
	boolean passes(int code) {
		return (this.verdict < 0 || code / (BANDS * BANDS) == this.verdict)
				&& (this.excluded < 0 || code / (BANDS * BANDS) != this.excluded)
				&& (this.alignedBand < 0 || (code / BANDS) % BANDS == this.alignedBand)
				&& (this.coherentBand < 0 || code % BANDS == this.coherentBand);
	}

	static Map<Facet, String> keys(int code) {
		Map<Facet, String> keys = new EnumMap<>(Facet.class);
		keys.put(Facet.VERDICT, VERDICTS[code / (BANDS * BANDS)].parameter());
		keys.put(Facet.ALIGNED_BAND, bandName((code / BANDS) % BANDS));
		keys.put(Facet.COHERENT_BAND, bandName(code % BANDS));
		return keys;
	}

	private static String bandName(int band) {
		return ScoreBand.ofSlot(band).parameter();
	}

}
