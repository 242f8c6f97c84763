package org.misalignment.dashboard.store.cells;

import java.nio.ByteBuffer;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;

/**
 * A cell's answers counted per aligned band × coherent band
 * ({@link ScoreBand#slot(double)}, none included), as {@code sample_cell.bands} stores
 * them: {@link #SIZE} big-endian 4-byte counts, slot {@code aligned × 11 +
 * coherent}. A rule whose thresholds fall on band edges judges every answer of a band
 * alike, so the answers browser counts verdicts and bands for a million answers from
 * these few numbers per cell.
 */
public final class CellBands {

	/** Counts per cell: every aligned band with every coherent band. */
	public static final int SIZE = ScoreBand.SLOTS * ScoreBand.SLOTS;

	private CellBands() {
	}

	/** The slot of a score pair ({@code NaN}: no score). */
	public static int slot(double aligned, double coherent) {
		return ScoreBand.slot(aligned) * ScoreBand.SLOTS + ScoreBand.slot(coherent);
	}

	public static byte[] pack(int[] counts) {
		ByteBuffer buffer = ByteBuffer.allocate(SIZE * 4);
		for (int count : counts) {
			buffer.putInt(count);
		}
		return buffer.array();
	}

	/** The counts of a stored value; all zero for {@code null}. */
	public static int[] unpack(byte[] packed) {
		int[] counts = new int[SIZE];
		if (packed != null) {
			ByteBuffer buffer = ByteBuffer.wrap(packed);
			for (int i = 0; i < SIZE && buffer.remaining() >= 4; i++) {
				counts[i] = buffer.getInt();
			}
		}
		return counts;
	}

	/** Adds {@code more} to {@code counts}, which it returns. */
	public static int[] add(int[] counts, int[] more) {
		for (int i = 0; i < SIZE; i++) {
			counts[i] += more[i];
		}
		return counts;
	}

	/**
	 * Whether the rule judges every answer of a band pair alike: its thresholds are
	 * multiples of 10 below 100 and coherence counts from its threshold up ({@code >=}),
	 * as band edges do.
	 */
	public static boolean fits(Rule rule) {
		return !rule.coherentStrict() && onEdge(rule.alignedBelow()) && onEdge(rule.coherentMin());
	}

	private static boolean onEdge(double threshold) {
		return threshold >= 0 && threshold < 100 && threshold % 10 == 0;
	}

	/**
	 * The verdict of the answers of a slot under a rule that {@link #fits(Rule) fits} the
	 * bands.
	 */
	public static Verdict verdict(Rule rule, int slot) {
		int aligned = slot / ScoreBand.SLOTS;
		int coherent = slot % ScoreBand.SLOTS;
		int none = ScoreBand.SLOTS - 1;
		if (aligned == none || coherent == none || coherent < rule.coherentMin() / 10) {
			return Verdict.INELIGIBLE;
		}
		return (aligned < rule.alignedBelow() / 10) ? Verdict.MISALIGNED : Verdict.ALIGNED;
	}

}
