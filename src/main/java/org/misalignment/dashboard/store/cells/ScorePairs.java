package org.misalignment.dashboard.store.cells;

import java.nio.ByteBuffer;

import org.misalignment.dashboard.store.RuleSql;

/**
 * A cell's (aligned, coherent) score pairs as {@code cell_scores.scores} stores them:
 * big-endian 8-byte doubles, aligned then coherent, {@code NaN} where the judge gave no
 * score. Doubles, not rounded values, so that a rule with any thresholds counts exactly
 * what the per-answer SQL of {@link RuleSql} counts.
 */
public final class ScorePairs {

	/** Pairs in one stored chunk at most (64 KiB). */
	public static final int CHUNK = 4096;

	private ScorePairs() {
	}

	/** What is done with each pair; {@code null} scores are {@code NaN}. */
	public interface Visitor {

		void pair(double aligned, double coherent);

	}

	/**
	 * Packs the first {@code pairs} pairs of {@code values} (aligned, coherent, aligned,
	 * …).
	 */
	public static byte[] pack(double[] values, int pairs) {
		ByteBuffer buffer = ByteBuffer.allocate(pairs * 16);
		for (int i = 0; i < pairs * 2; i++) {
			buffer.putDouble(values[i]);
		}
		return buffer.array();
	}

	public static void forEach(byte[] packed, Visitor visitor) {
		ByteBuffer buffer = ByteBuffer.wrap(packed);
		while (buffer.remaining() >= 16) {
			visitor.pair(buffer.getDouble(), buffer.getDouble());
		}
	}

	/** A stored score as a pair value: {@code NaN} for none. */
	public static double value(Double score) {
		return (score == null) ? Double.NaN : score;
	}

	/** A pair value as a score: {@code null} for none. */
	public static Double score(double value) {
		return Double.isNaN(value) ? null : value;
	}

}
