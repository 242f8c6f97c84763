package org.misalignment.dashboard.store.search;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.cells.CellBands;
import org.misalignment.dashboard.store.cells.ScorePairs;

/**
 * Adds answers to the {@link WordIndex} over the importer's connection, in its
 * transaction, a chunk at a time. Memory holds one chunk's postings at most; answers must
 * come in increasing id order within a chunk (a lower id starts a new one).
 */
public final class WordIndexWriter {

	private final Connection connection;

	private final long datasetId;

	/** Answers a chunk holds at most. */
	private final int chunk;

	private final Map<List<Object>, Integer> cells = new HashMap<>();

	private final List<Object[]> newCells = new ArrayList<>();

	private final ChunkWords words = new ChunkWords();

	/** Splits the texts into {@link #words} beside the importing thread. */
	private final WordSplitter splitter = new WordSplitter(this.words);

	private VarintBytes ids = new VarintBytes(1 << 16);

	private int[] cellNumbers = new int[1024];

	private byte[] slots = new byte[1024];

	private double[] scores = new double[2048];

	private int answers;

	private long first;

	private long last;

	public WordIndexWriter(Connection connection, long datasetId) throws SQLException {
		this(connection, datasetId, WordIndex.CHUNK);
	}

	/** A writer of chunks of at most {@code chunk} answers (tests write small ones). */
	public WordIndexWriter(Connection connection, long datasetId, int chunk) throws SQLException {
		this.chunk = chunk;
		this.connection = connection;
		this.datasetId = datasetId;
		// plain JDBC, reads and batched writes alike: on the importer's own connection,
		// in its transaction
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
		if (answer != null) {
			this.splitter.add(answer, position);
		}
	}

	/** Writes the last chunk and the cells it numbered; call before committing. */
	public void finish() throws SQLException {
		try {
			writeChunk();
		}
		finally {
			this.splitter.close();
		}
	}

	private void writeChunk() throws SQLException {
		if (this.answers == 0) {
			return;
		}
		this.splitter.drain();
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
			for (int slot = 0; slot < this.words.slots(); slot++) {
				String word = this.words.word(slot);
				if (word == null) {
					continue;
				}
				insert.setLong(1, this.datasetId);
				insert.setString(2, word);
				insert.setLong(3, this.first);
				insert.setInt(4, this.words.positions(slot).size());
				insert.setBytes(5, this.words.positions(slot).encode());
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
		this.words.clear();
		this.ids = new VarintBytes(1 << 16);
		this.answers = 0;
	}

}
