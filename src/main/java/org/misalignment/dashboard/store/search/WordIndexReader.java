package org.misalignment.dashboard.store.search;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a search's {@link WordMatches} from the word index: the postings of its words (a
 * few rows per word), intersected chunk by chunk, and each match's id, cell and band slot
 * looked up by its position in its chunk.
 */
final class WordIndexReader {

	private final JdbcClient jdbc;

	WordIndexReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What changes when answers are added to the dataset's index: its chunks' number and
	 * the latest one.
	 */
	String stamp(long datasetId) {
		return this.jdbc
			.sql("SELECT COUNT(*) || '/' || COALESCE(MAX(first_sample), 0) FROM word_answers " + "WHERE dataset_id = ?")
			.param(datasetId)
			.query(String.class)
			.single();
	}

	/**
	 * The answers of a dataset that hold every one of the words (which
	 * {@link WordIndex#indexes} accepts).
	 */
	WordMatches read(long datasetId, List<String> words) {
		// per word: its postings by chunk; the word in fewest chunks first, so
		// intersections start small
		List<Map<Long, byte[]>> postings = new ArrayList<>();
		for (String word : words) {
			Map<Long, byte[]> chunks = new TreeMap<>();
			this.jdbc.sql("SELECT first_sample, positions FROM word_postings WHERE dataset_id = ? AND word = ?")
				.params(datasetId, word)
				.query((row) -> {
					chunks.put(row.getLong(1), row.getBytes(2));
				});
			postings.add(chunks);
		}
		postings.sort((a, b) -> Integer.compare(a.size(), b.size()));
		List<Long> chunks = new ArrayList<>();
		List<int[]> positions = new ArrayList<>();
		for (Long first : postings.get(0).keySet()) {
			int[] found = null;
			for (Map<Long, byte[]> word : postings) {
				byte[] bytes = word.get(first);
				if (bytes == null) {
					found = null;
					break;
				}
				int[] these = VarintBytes.positions(bytes);
				found = (found == null) ? these : intersect(found, these);
				if (found.length == 0) {
					break;
				}
			}
			if (found != null && found.length > 0) {
				chunks.add(first);
				positions.add(found);
			}
		}
		long[] chunkKeys = chunks.stream().mapToLong(Long::longValue).toArray();
		int total = positions.stream().mapToInt((p) -> p.length).sum();
		long[] ids = new long[total];
		int[] cells = new int[total];
		byte[] slots = new byte[total];
		Map<Long, Integer> chunkIndex = new HashMap<>();
		int[] starts = new int[chunkKeys.length];
		int start = 0;
		for (int i = 0; i < chunkKeys.length; i++) {
			chunkIndex.put(chunkKeys[i], i);
			starts[i] = start;
			start += positions.get(i).length;
		}
		forChunks(this.jdbc, "ids, cells, slots", datasetId, chunkKeys, (first, columns) -> {
			int chunk = chunkIndex.get(first);
			int[] wanted = positions.get(chunk);
			long[] chunkIds = VarintBytes.sums(columns[0], first);
			ByteBuffer cellBytes = ByteBuffer.wrap(columns[1]);
			boolean wide = columns[1].length == chunkIds.length * 4;
			byte[] chunkSlots = columns[2];
			for (int k = 0; k < wanted.length; k++) {
				int at = starts[chunk] + k;
				int position = wanted[k];
				ids[at] = chunkIds[position];
				cells[at] = wide ? cellBytes.getInt(position * 4)
						: Short.toUnsignedInt(cellBytes.getShort(position * 2));
				slots[at] = chunkSlots[position];
			}
		});
		// chunks of imports that ran at once may interleave their ids: keep the matches
		// in id order
		int[] sortedAt = new int[total];
		boolean sorted = true;
		for (int i = 0; i < total; i++) {
			sortedAt[i] = i;
			sorted = sorted && (i == 0 || ids[i - 1] < ids[i]);
		}
		long[] sortedIds = ids;
		int[] sortedCells = cells;
		byte[] sortedSlots = slots;
		if (!sorted) {
			Integer[] order = new Integer[total];
			for (int i = 0; i < total; i++) {
				order[i] = i;
			}
			Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
			sortedIds = new long[total];
			sortedCells = new int[total];
			sortedSlots = new byte[total];
			for (int i = 0; i < total; i++) {
				sortedAt[order[i]] = i;
				sortedIds[i] = ids[order[i]];
				sortedCells[i] = cells[order[i]];
				sortedSlots[i] = slots[order[i]];
			}
		}
		Map<Integer, List<Object>> cellKeys = new HashMap<>();
		this.jdbc.sql("SELECT cell_no, model_id, question_ref, condition_name FROM word_cell WHERE dataset_id = ?")
			.param(datasetId)
			.query((row) -> {
				cellKeys.put(row.getInt(1), List.of(row.getLong(2), row.getLong(3), row.getString(4)));
			});
		return new WordMatches(datasetId, sortedIds, sortedCells, sortedSlots, cellKeys, chunkKeys,
				positions.toArray(new int[0][]), sortedAt);
	}

	/** A row of {@code word_answers}: the chunk's first id and the columns asked for. */
	interface ChunkRow {

		void row(long first, byte[][] columns);

	}

	/** Reads columns of {@code word_answers} for chunks, 500 at a time. */
	static void forChunks(JdbcClient jdbc, String columns, long datasetId, long[] chunks, ChunkRow each) {
		int count = columns.split(",").length;
		for (int from = 0; from < chunks.length; from += 500) {
			int to = Math.min(chunks.length, from + 500);
			List<Object> parameters = new ArrayList<>();
			parameters.add(datasetId);
			for (int i = from; i < to; i++) {
				parameters.add(chunks[i]);
			}
			jdbc.sql("SELECT first_sample, " + columns + " FROM word_answers WHERE dataset_id = ? AND first_sample IN ("
					+ String.join(", ", Collections.nCopies(to - from, "?")) + ")")
				.params(parameters)
				.query((row) -> {
					byte[][] values = new byte[count][];
					for (int i = 0; i < count; i++) {
						values[i] = row.getBytes(2 + i);
					}
					each.row(row.getLong(1), values);
				});
		}
	}

	private static int[] intersect(int[] a, int[] b) {
		int[] both = new int[Math.min(a.length, b.length)];
		int i = 0;
		int j = 0;
		int size = 0;
		while (i < a.length && j < b.length) {
			if (a[i] < b[j]) {
				i++;
			}
			else if (a[i] > b[j]) {
				j++;
			}
			else {
				both[size++] = a[i];
				i++;
				j++;
			}
		}
		return Arrays.copyOf(both, size);
	}

}
