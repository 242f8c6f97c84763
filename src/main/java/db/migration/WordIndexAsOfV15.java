package db.migration;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Frozen copy of how the importer wrote the word index ({@code word_*} tables) when V15
 * was released: as {@link WordIndexAsOfV13} wrote H2's, now on PostgreSQL too.
 */
final class WordIndexAsOfV15 {

	// Everything below is V15's own and must never change: a database that has not yet
	// run V15 must get exactly
	// what every other database got from it. Changes to how the importer writes belong in
	// a new migration.

	/** Answers per chunk. */
	static final int CHUNK = 65_536;

	/** The longest word indexed. */
	private static final int MAX_WORD = 100;

	/** Bands of one score in a band slot: the ten tenths of the scale, then none. */
	private static final int SLOTS = 11;

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

	/** A writer of chunks of at most {@code chunk} answers (tests write small ones). */
	WordIndexAsOfV15(Connection connection, long datasetId, int chunk) throws SQLException {
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

	/**
	 * Adds an answer; answers come in increasing id order within a chunk (a lower id
	 * starts a new one).
	 */
	void add(long id, long model, long question, String condition, Double aligned, Double coherent, String answer)
			throws SQLException {
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
		double a = value(aligned);
		double c = value(coherent);
		if (this.answers == this.slots.length) {
			this.cellNumbers = Arrays.copyOf(this.cellNumbers, this.answers * 2);
			this.slots = Arrays.copyOf(this.slots, this.answers * 2);
			this.scores = Arrays.copyOf(this.scores, this.answers * 4);
		}
		int position = this.answers++;
		this.ids.varint(id - this.last);
		this.cellNumbers[position] = number;
		this.slots[position] = (byte) slot(a, c);
		this.scores[position * 2] = a;
		this.scores[position * 2 + 1] = c;
		this.last = id;
		words(answer, (word) -> this.postings.computeIfAbsent(word, (w) -> new Postings()).add(position));
	}

	/** Writes the last chunk and the cells it numbered. */
	void finish() throws SQLException {
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
			insert.setBytes(8, pack(this.scores, this.answers));
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

	/**
	 * Calls {@code each} with every distinct indexed word of a text in order of first
	 * appearance: runs of A–Z and 0–9, lower case, of at most {@link #MAX_WORD}
	 * characters.
	 */
	private static void words(String text, Consumer<String> each) {
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

	/** A stored score as a pair value: {@code NaN} for none. */
	private static double value(Double score) {
		return (score == null) ? Double.NaN : score;
	}

	/** The band slot of a score pair: aligned band × 11 + coherent band. */
	private static int slot(double aligned, double coherent) {
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
	 * The first {@code pairs} pairs of {@code values} as big-endian 8-byte doubles,
	 * aligned then coherent.
	 */
	private static byte[] pack(double[] values, int pairs) {
		ByteBuffer buffer = ByteBuffer.allocate(pairs * 16);
		for (int i = 0; i < pairs * 2; i++) {
			buffer.putDouble(values[i]);
		}
		return buffer.array();
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

		/** The positions delta-encoded. */
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

	/**
	 * A growing byte array with unsigned variable-length integers (7 bits a byte, low
	 * bits first).
	 */
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

}
