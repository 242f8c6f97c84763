package org.misalignment.dashboard.store.search;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The answers that hold every word of a search in the {@link WordIndex}, in id order:
 * each one's id, cell number and band slot, and the cells by number
 * ({@code model_id, question_ref, condition_name}). Shared by the requests that ask for
 * the same search, so read only but for the exact scores, read once when a filter first
 * needs them.
 */
final class WordMatches {

	final long[] ids;

	final int[] cells;

	final byte[] slots;

	final Map<Integer, List<Object>> cellKeys;

	/**
	 * Each match's aligned and coherent score ({@code NaN}: none), once
	 * {@link #loadScores} has read them.
	 */
	private volatile double[][] scores;

	private final long datasetId;

	/**
	 * The chunks holding matches, by first id, and for each the positions of its matches
	 * in it.
	 */
	private final long[] chunks;

	private final int[][] positions;

	/**
	 * Where each match, numbered chunk by chunk, stands in {@link #ids} (which is in id
	 * order).
	 */
	private final int[] sortedAt;

	WordMatches(long datasetId, long[] ids, int[] cells, byte[] slots, Map<Integer, List<Object>> cellKeys,
			long[] chunks, int[][] positions, int[] sortedAt) {
		this.datasetId = datasetId;
		this.ids = ids;
		this.cells = cells;
		this.slots = slots;
		this.cellKeys = cellKeys;
		this.chunks = chunks;
		this.positions = positions;
		this.sortedAt = sortedAt;
	}

	int size() {
		return this.ids.length;
	}

	double[] aligned() {
		return this.scores[0];
	}

	double[] coherent() {
		return this.scores[1];
	}

	/** Reads each match's exact scores from the chunks it is in (once). */
	synchronized void loadScores(JdbcClient jdbc) {
		if (this.scores != null) {
			return;
		}
		double[] aligned = new double[this.ids.length];
		double[] coherent = new double[this.ids.length];
		Map<Long, Integer> chunkIndex = new HashMap<>();
		int[] starts = new int[this.chunks.length + 1];
		for (int i = 0; i < this.chunks.length; i++) {
			chunkIndex.put(this.chunks[i], i);
			starts[i + 1] = starts[i] + this.positions[i].length;
		}
		WordIndexReader.forChunks(jdbc, "scores", this.datasetId, this.chunks, (first, columns) -> {
			int chunk = chunkIndex.get(first);
			ByteBuffer buffer = ByteBuffer.wrap(columns[0]);
			int[] wanted = this.positions[chunk];
			for (int k = 0; k < wanted.length; k++) {
				int at = this.sortedAt[starts[chunk] + k];
				aligned[at] = buffer.getDouble(wanted[k] * 16);
				coherent[at] = buffer.getDouble(wanted[k] * 16 + 8);
			}
		});
		this.scores = new double[][] { aligned, coherent };
	}

	/** Entries this holds, to bound what is kept. */
	int weight() {
		return this.ids.length + 16;
	}

}
