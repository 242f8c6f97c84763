package org.misalignment.dashboard.store.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.misalignment.dashboard.store.cells.CellBands;
import org.misalignment.dashboard.store.cells.ScorePairs;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2's own text index of the answers (PostgreSQL searches its GIN index instead and leaves these tables empty).
 * The importer writes it in the same transaction as the answers, in chunks of up to {@link #CHUNK} answers:
 * <ul>
 * <li>{@code word_answers}: per chunk, its answers' ids (increasing, delta-encoded), cells (model × question ×
 * condition, numbered in {@code word_cell}; 2 bytes each, or 4 when a dataset has more than 65,535 cells) and
 * aligned × coherent band slots ({@link CellBands#slot}, a byte each), and apart from those their exact scores,
 * read only when a filter needs them;</li>
 * <li>{@code word_postings}: per word and chunk, the positions in the chunk of the answers that hold the word
 * (delta-encoded).</li>
 * </ul>
 * A search reads the postings of its words (a few rows per word), intersects them and looks up each match's id,
 * cell and slot by position, so that the answers browser counts facets and finds pages of a common word among a
 * million answers without reading one answer's text. The last searches' matches are kept (a few, bounded by
 * their size) while the dataset's index has not changed; losing them costs only time. Words are as {@link TextSearch#words} reads them: runs of A–Z and 0–9, lower
 * case; a word longer than {@link #MAX_WORD} is not indexed, and a search for one reads the answers instead.
 */
public final class WordIndex {

	/** Answers per chunk. */
	public static final int CHUNK = 65_536;

	/** The longest word indexed. */
	public static final int MAX_WORD = 100;

	/** Matches kept from recent searches, in all. */
	private static final int KEPT = 1_500_000;

	private final JdbcTemplate jdbc;

	/** A search's matches and the stamp of the dataset's index they were read under. */
	private record Kept(String stamp, Matches matches) {
	}

	/** Recent searches by dataset and words, least recently used first; each checked against its stamp. */
	private final LinkedHashMap<List<Object>, Kept> recent = new LinkedHashMap<>(16, 0.75f, true);

	public WordIndex(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether every one of these words is in the index (the search then needs no answer's text). */
	public static boolean indexes(List<String> words) {
		return !words.isEmpty() && words.stream().allMatch((word) -> word.length() <= MAX_WORD);
	}

	/** Calls {@code each} with every distinct indexed word of a text, lower case, in order of first appearance. */
	static void words(String text, Consumer<String> each) {
		if (text == null) {
			return;
		}
		int length = text.length();
		Set<String> seen = new HashSet<>();
		int start = -1;
		for (int i = 0; i <= length; i++) {
			char c = (i < length) ? text.charAt(i) : ' ';
			boolean wordChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (wordChar) {
				if (start < 0) {
					start = i;
				}
			}
			else if (start >= 0) {
				if (i - start <= MAX_WORD) {
					String word = lowerAscii(text, start, i);
					if (seen.add(word)) {
						each.accept(word);
					}
				}
				start = -1;
			}
		}
	}

	private static String lowerAscii(String text, int from, int to) {
		char[] chars = new char[to - from];
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			chars[i - from] = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
		}
		return new String(chars);
	}

	// ------------------------------------------------------------------------------------------ writing

	/**
	 * Adds answers to the index over the importer's connection, in its transaction. Memory holds one chunk's
	 * postings at most; answers must come in increasing id order within a chunk (a lower id starts a new one).
	 */
	public static final class Writer {

		private final Connection connection;

		private final long datasetId;

		/** Answers a chunk holds at most. */
		private final int chunk;

		private final Map<List<Object>, Integer> cells = new HashMap<>();

		private final List<Object[]> newCells = new ArrayList<>();

		private final Map<String, Postings> postings = new HashMap<>();

		private Bytes ids = new Bytes(1 << 16);

		private int[] cellNumbers = new int[1024];

		private byte[] slots = new byte[1024];

		private double[] scores = new double[2048];

		private int answers;

		private long first;

		private long last;

		public Writer(Connection connection, long datasetId) throws SQLException {
			this(connection, datasetId, CHUNK);
		}

		/** A writer of chunks of at most {@code chunk} answers (tests write small ones). */
		public Writer(Connection connection, long datasetId, int chunk) throws SQLException {
			this.chunk = chunk;
			this.connection = connection;
			this.datasetId = datasetId;
			try (PreparedStatement select = connection.prepareStatement(
					"SELECT cell_no, model_id, question_ref, condition_name FROM word_cell WHERE dataset_id = ?")) {
				select.setLong(1, datasetId);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						this.cells.put(List.of(rows.getLong(2), rows.getLong(3), rows.getString(4)), rows.getInt(1));
					}
				}
			}
		}

		public void add(long id, long model, long question, String condition, Double aligned, Double coherent,
				String answer) throws SQLException {
			if (this.answers == this.chunk || (this.answers > 0 && id <= this.last)) {
				writeChunk();
			}
			if (this.answers == 0) {
				this.first = id;
				this.last = id;
			}
			List<Object> cell = List.of(model, question, condition);
			Integer number = this.cells.get(cell);
			if (number == null) {
				number = this.cells.size();
				this.cells.put(cell, number);
				this.newCells.add(new Object[] { number, model, question, condition });
			}
			double a = ScorePairs.value(aligned);
			double c = ScorePairs.value(coherent);
			if (this.answers == this.slots.length) {
				this.cellNumbers = Arrays.copyOf(this.cellNumbers, this.answers * 2);
				this.slots = Arrays.copyOf(this.slots, this.answers * 2);
				this.scores = Arrays.copyOf(this.scores, this.answers * 4);
			}
			int position = this.answers++;
			this.ids.varint(id - this.last);
			this.cellNumbers[position] = number;
			this.slots[position] = (byte) CellBands.slot(a, c);
			this.scores[position * 2] = a;
			this.scores[position * 2 + 1] = c;
			this.last = id;
			words(answer, (word) -> this.postings.computeIfAbsent(word, (w) -> new Postings()).add(position));
		}

		/** Writes the last chunk and the cells it numbered; call before committing. */
		public void finish() throws SQLException {
			writeChunk();
		}

		private void writeChunk() throws SQLException {
			if (this.answers == 0) {
				return;
			}
			if (!this.newCells.isEmpty()) {
				try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO word_cell (dataset_id, "
						+ "cell_no, model_id, question_ref, condition_name) VALUES (?, ?, ?, ?, ?)")) {
					for (Object[] cell : this.newCells) {
						insert.setLong(1, this.datasetId);
						insert.setInt(2, (Integer) cell[0]);
						insert.setLong(3, (Long) cell[1]);
						insert.setLong(4, (Long) cell[2]);
						insert.setString(5, (String) cell[3]);
						insert.addBatch();
					}
					insert.executeBatch();
				}
				this.newCells.clear();
			}
			boolean wide = this.cells.size() > 0xFFFF;
			ByteBuffer cellBytes = ByteBuffer.allocate(this.answers * (wide ? 4 : 2));
			for (int i = 0; i < this.answers; i++) {
				if (wide) {
					cellBytes.putInt(this.cellNumbers[i]);
				}
				else {
					cellBytes.putShort((short) this.cellNumbers[i]);
				}
			}
			try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO word_answers (dataset_id, "
					+ "first_sample, last_sample, answers, ids, cells, slots, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
				insert.setLong(1, this.datasetId);
				insert.setLong(2, this.first);
				insert.setLong(3, this.last);
				insert.setInt(4, this.answers);
				insert.setBytes(5, this.ids.toArray());
				insert.setBytes(6, cellBytes.array());
				insert.setBytes(7, Arrays.copyOf(this.slots, this.answers));
				insert.setBytes(8, ScorePairs.pack(this.scores, this.answers));
				insert.executeUpdate();
			}
			try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO word_postings (dataset_id, "
					+ "word, first_sample, answers, positions) VALUES (?, ?, ?, ?, ?)")) {
				int batched = 0;
				for (Map.Entry<String, Postings> word : this.postings.entrySet()) {
					insert.setLong(1, this.datasetId);
					insert.setString(2, word.getKey());
					insert.setLong(3, this.first);
					insert.setInt(4, word.getValue().size);
					insert.setBytes(5, word.getValue().encode());
					insert.addBatch();
					if (++batched == 1000) {
						insert.executeBatch();
						batched = 0;
					}
				}
				if (batched > 0) {
					insert.executeBatch();
				}
			}
			this.postings.clear();
			this.ids = new Bytes(1 << 16);
			this.answers = 0;
		}

	}

	/** A word's answers in one chunk, by their positions in it, increasing. */
	private static final class Postings {

		int[] positions = new int[2];

		int size;

		void add(int position) {
			if (this.size == this.positions.length) {
				this.positions = Arrays.copyOf(this.positions, this.size * 2);
			}
			this.positions[this.size++] = position;
		}

		byte[] encode() {
			Bytes bytes = new Bytes(this.size + 4);
			int previous = 0;
			for (int i = 0; i < this.size; i++) {
				bytes.varint(this.positions[i] - previous);
				previous = this.positions[i];
			}
			return bytes.toArray();
		}

	}

	/** A growing byte array with unsigned variable-length integers (7 bits a byte, low bits first). */
	private static final class Bytes {

		private byte[] bytes;

		private int size;

		Bytes(int capacity) {
			this.bytes = new byte[Math.max(16, capacity)];
		}

		void varint(long value) {
			while ((value & ~0x7FL) != 0) {
				put((byte) ((value & 0x7F) | 0x80));
				value >>>= 7;
			}
			put((byte) value);
		}

		private void put(byte b) {
			if (this.size == this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, this.size * 2);
			}
			this.bytes[this.size++] = b;
		}

		byte[] toArray() {
			return Arrays.copyOf(this.bytes, this.size);
		}

	}

	/** Decodes delta-encoded {@link Bytes#varint} values into running sums, starting from {@code base}. */
	private static long[] sums(byte[] bytes, long base) {
		long[] values = new long[bytes.length];
		int size = 0;
		long value = base;
		int at = 0;
		while (at < bytes.length) {
			long delta = 0;
			int shift = 0;
			byte b;
			do {
				b = bytes[at++];
				delta |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while (b < 0);
			value += delta;
			values[size++] = value;
		}
		return (size == values.length) ? values : Arrays.copyOf(values, size);
	}

	private static int[] positions(byte[] bytes) {
		long[] sums = sums(bytes, 0);
		int[] positions = new int[sums.length];
		for (int i = 0; i < sums.length; i++) {
			positions[i] = (int) sums[i];
		}
		return positions;
	}

	// ------------------------------------------------------------------------------------------ searching

	/**
	 * The answers that hold every word of a search, in id order: each one's id, cell number and band slot, and the
	 * cells by number ({@code model_id, question_ref, condition_name}). Shared by the requests that ask for the same
	 * search: read only.
	 */
	public static final class Matches {

		final long[] ids;

		final int[] cells;

		final byte[] slots;

		final Map<Integer, List<Object>> cellKeys;

		/** Each match's aligned and coherent score ({@code NaN}: none), once {@link #loadScores} has read them. */
		private volatile double[][] scores;

		private final long datasetId;

		/** The chunks holding matches, by first id, and for each the positions of its matches in it. */
		private final long[] chunks;

		private final int[][] positions;

		/** Where each match, numbered chunk by chunk, stands in {@link #ids} (which is in id order). */
		private final int[] sortedAt;

		private Matches(long datasetId, long[] ids, int[] cells, byte[] slots, Map<Integer, List<Object>> cellKeys,
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

		public int size() {
			return this.ids.length;
		}

		double[] aligned() {
			return this.scores[0];
		}

		double[] coherent() {
			return this.scores[1];
		}

		/** Reads each match's exact scores from the chunks it is in (once). */
		synchronized void loadScores(JdbcTemplate jdbc) {
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
			forChunks(jdbc, "scores", this.datasetId, this.chunks, (first, columns) -> {
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
		private long weight() {
			return this.ids.length + 16;
		}

	}

	private interface ChunkRow {

		void row(long first, byte[][] columns);

	}

	/** Reads columns of {@code word_answers} for chunks, 500 at a time. */
	private static void forChunks(JdbcTemplate jdbc, String columns, long datasetId, long[] chunks, ChunkRow each) {
		int count = columns.split(",").length;
		for (int from = 0; from < chunks.length; from += 500) {
			int to = Math.min(chunks.length, from + 500);
			List<Object> parameters = new ArrayList<>();
			parameters.add(datasetId);
			for (int i = from; i < to; i++) {
				parameters.add(chunks[i]);
			}
			jdbc.query("SELECT first_sample, " + columns + " FROM word_answers WHERE dataset_id = ? AND first_sample IN ("
					+ String.join(", ", Collections.nCopies(to - from, "?")) + ")", (row) -> {
						byte[][] values = new byte[count][];
						for (int i = 0; i < count; i++) {
							values[i] = row.getBytes(2 + i);
						}
						each.row(row.getLong(1), values);
					}, parameters.toArray());
		}
	}

	/**
	 * The answers of a dataset that hold every one of the words (which {@link #indexes} must accept): kept from an
	 * earlier search while the dataset's index is as it was then, else read.
	 */
	public Matches find(long datasetId, List<String> words) {
		List<Object> key = new ArrayList<>();
		key.add(datasetId);
		words.stream().sorted().forEach(key::add);
		String stamp = stamp(datasetId);
		synchronized (this.recent) {
			Kept kept = this.recent.get(key);
			if (kept != null && kept.stamp().equals(stamp)) {
				return kept.matches();
			}
		}
		Matches matches = read(datasetId, words);
		synchronized (this.recent) {
			this.recent.put(key, new Kept(stamp, matches));
			long weight = this.recent.values().stream().mapToLong((kept) -> kept.matches().weight()).sum();
			Iterator<Kept> oldest = this.recent.values().iterator();
			while (weight > KEPT && oldest.hasNext()) {
				Kept entry = oldest.next();
				if (entry.matches() != matches) {
					weight -= entry.matches().weight();
					oldest.remove();
				}
			}
		}
		return matches;
	}

	/** What changes when answers are added to the dataset's index: its chunks' number and the latest one. */
	private String stamp(long datasetId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) || '/' || COALESCE(MAX(first_sample), 0) FROM word_answers "
				+ "WHERE dataset_id = ?", String.class, datasetId);
	}

	private Matches read(long datasetId, List<String> words) {
		// per word: its postings by chunk; the word in fewest chunks first, so intersections start small
		List<Map<Long, byte[]>> postings = new ArrayList<>();
		for (String word : words) {
			Map<Long, byte[]> chunks = new TreeMap<>();
			this.jdbc.query("SELECT first_sample, positions FROM word_postings WHERE dataset_id = ? AND word = ?",
					(row) -> {
						chunks.put(row.getLong(1), row.getBytes(2));
					}, datasetId, word);
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
				int[] these = positions(bytes);
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
			long[] chunkIds = sums(columns[0], first);
			ByteBuffer cellBytes = ByteBuffer.wrap(columns[1]);
			boolean wide = columns[1].length == chunkIds.length * 4;
			byte[] chunkSlots = columns[2];
			for (int k = 0; k < wanted.length; k++) {
				int at = starts[chunk] + k;
				int position = wanted[k];
				ids[at] = chunkIds[position];
				cells[at] = wide ? cellBytes.getInt(position * 4) : Short.toUnsignedInt(cellBytes.getShort(position * 2));
				slots[at] = chunkSlots[position];
			}
		});
		// chunks of imports that ran at once may interleave their ids: keep the matches in id order
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
		this.jdbc.query("SELECT cell_no, model_id, question_ref, condition_name FROM word_cell WHERE dataset_id = ?",
				(row) -> {
					cellKeys.put(row.getInt(1), List.of(row.getLong(2), row.getLong(3), row.getString(4)));
				}, datasetId);
		return new Matches(datasetId, sortedIds, sortedCells, sortedSlots, cellKeys, chunkKeys,
				positions.toArray(new int[0][]), sortedAt);
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
