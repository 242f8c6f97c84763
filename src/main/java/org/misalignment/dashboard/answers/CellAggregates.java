package org.misalignment.dashboard.answers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;

/**
 * Adds answers to the pre-aggregates {@code sample_cell} and {@code cell_scores} over the importer's connection, in
 * its transaction. Memory holds one entry per cell and at most {@link #BUFFERED} score pairs: full chunks are
 * written as they fill, and everything buffered when that many pairs wait.
 */
public final class CellAggregates {

	private static final int BUFFERED = 100_000;

	private final Connection connection;

	private final long datasetId;

	private final Map<Key, Totals> cells = new HashMap<>();

	private final PreparedStatement chunkInsert;

	private int buffered;

	private int pendingChunks;

	private record Key(long model, long question, String condition) {
	}

	private static final class Totals {

		long answers;

		long eligible;

		long misaligned;

		double[] pairs = new double[64];

		int count;

		long firstSample;

	}

	public CellAggregates(Connection connection, long datasetId) throws SQLException {
		this.connection = connection;
		this.datasetId = datasetId;
		this.chunkInsert = connection.prepareStatement("INSERT INTO cell_scores (dataset_id, model_id, question_ref, "
				+ "condition_name, first_sample, answers, scores) VALUES (?, ?, ?, ?, ?, ?, ?)");
	}

	public void add(long model, long question, String condition, long sampleId, Double aligned, Double coherent)
			throws SQLException {
		Key key = new Key(model, question, condition);
		Totals totals = this.cells.computeIfAbsent(key, (k) -> new Totals());
		totals.answers++;
		if (Rule.DEFAULT.eligible(aligned, coherent)) {
			totals.eligible++;
			if (Rule.DEFAULT.misaligned(aligned, coherent)) {
				totals.misaligned++;
			}
		}
		if (totals.count == 0) {
			totals.firstSample = sampleId;
		}
		if (totals.count * 2 == totals.pairs.length) {
			totals.pairs = Arrays.copyOf(totals.pairs, Math.min(totals.pairs.length * 2, ScorePairs.CHUNK * 2));
		}
		totals.pairs[totals.count * 2] = ScorePairs.value(aligned);
		totals.pairs[totals.count * 2 + 1] = ScorePairs.value(coherent);
		totals.count++;
		this.buffered++;
		if (totals.count == ScorePairs.CHUNK) {
			writeChunk(key, totals);
		}
		if (this.buffered >= BUFFERED) {
			writeChunks();
		}
	}

	/** Writes what is buffered and adds the counts to {@code sample_cell}; call before committing. */
	public void finish() throws SQLException {
		writeChunks();
		try (PreparedStatement update = this.connection.prepareStatement("UPDATE sample_cell SET answers = answers + ?, "
				+ "eligible = eligible + ?, misaligned = misaligned + ? "
				+ "WHERE model_id = ? AND question_ref = ? AND condition_name = ?");
				PreparedStatement insert = this.connection.prepareStatement("INSERT INTO sample_cell (dataset_id, "
						+ "model_id, question_ref, condition_name, answers, eligible, misaligned) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			for (Map.Entry<Key, Totals> cell : this.cells.entrySet()) {
				Key key = cell.getKey();
				Totals totals = cell.getValue();
				update.setLong(1, totals.answers);
				update.setLong(2, totals.eligible);
				update.setLong(3, totals.misaligned);
				update.setLong(4, key.model());
				update.setLong(5, key.question());
				update.setString(6, key.condition());
				if (update.executeUpdate() == 0) {
					insert.setLong(1, this.datasetId);
					insert.setLong(2, key.model());
					insert.setLong(3, key.question());
					insert.setString(4, key.condition());
					insert.setLong(5, totals.answers);
					insert.setLong(6, totals.eligible);
					insert.setLong(7, totals.misaligned);
					insert.executeUpdate();
				}
			}
		}
		this.cells.clear();
		this.chunkInsert.close();
	}

	private void writeChunks() throws SQLException {
		for (Map.Entry<Key, Totals> cell : this.cells.entrySet()) {
			if (cell.getValue().count > 0) {
				writeChunk(cell.getKey(), cell.getValue());
			}
		}
		if (this.pendingChunks > 0) {
			this.chunkInsert.executeBatch();
			this.pendingChunks = 0;
		}
		this.buffered = 0;
	}

	private void writeChunk(Key key, Totals totals) throws SQLException {
		this.chunkInsert.setLong(1, this.datasetId);
		this.chunkInsert.setLong(2, key.model());
		this.chunkInsert.setLong(3, key.question());
		this.chunkInsert.setString(4, key.condition());
		this.chunkInsert.setLong(5, totals.firstSample);
		this.chunkInsert.setInt(6, totals.count);
		this.chunkInsert.setBytes(7, ScorePairs.pack(totals.pairs, totals.count));
		this.chunkInsert.addBatch();
		this.pendingChunks++;
		this.buffered -= totals.count;
		totals.count = 0;
		totals.pairs = new double[64];
	}

}
