package db.migration;

import java.nio.ByteBuffer;

/**
 * Frozen copy of how the importer wrote {@code sample_cell.bands} when V11 was released.
 */
final class CellBandsAsOfV11 {

	// Everything below is V11's own and must never change: a database that has not yet
	// run V11 must get exactly
	// what every other database got from it. Changes to how the importer writes belong in
	// a new migration.

	/** Bands of one score: the ten tenths of the scale, then none. */
	private static final int SLOTS = 11;

	/** Counts per cell: every aligned band with every coherent band. */
	static final int SIZE = SLOTS * SLOTS;

	private CellBandsAsOfV11() {
	}

	/** What is done with each score pair; no score is {@code NaN}. */
	interface PairVisitor {

		void pair(double aligned, double coherent);

	}

	/**
	 * Reads {@code cell_scores.scores}: big-endian 8-byte doubles, aligned then coherent.
	 */
	static void forEachPair(byte[] packed, PairVisitor visitor) {
		ByteBuffer buffer = ByteBuffer.wrap(packed);
		while (buffer.remaining() >= 16) {
			visitor.pair(buffer.getDouble(), buffer.getDouble());
		}
	}

	/** The slot of a score pair: aligned band × 11 + coherent band. */
	static int slot(double aligned, double coherent) {
		return band(aligned) * SLOTS + band(coherent);
	}

	/**
	 * A score's band: 0 for {@code 0 <= score < 10} … 9 for {@code 90 <= score} (100
	 * too), 10 for none.
	 */
	private static int band(double score) {
		if (Double.isNaN(score)) {
			return SLOTS - 1;
		}
		int band = (int) Math.min(9, Math.max(0, Math.floor(score / 10)));
		// the division may round across a band's edge; the comparisons decide, as the
		// SQL's do
		if (band > 0 && score < band * 10) {
			band--;
		}
		else if (band < 9 && score >= band * 10 + 10) {
			band++;
		}
		return band;
	}

	/**
	 * The counts as {@code sample_cell.bands} stores them: {@link #SIZE} big-endian
	 * 4-byte counts.
	 */
	static byte[] pack(int[] counts) {
		ByteBuffer buffer = ByteBuffer.allocate(SIZE * 4);
		for (int count : counts) {
			buffer.putInt(count);
		}
		return buffer.array();
	}

}
