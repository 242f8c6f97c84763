package org.misalignment.dashboard.store.cells;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;

/**
 * Adds answers to the pre-aggregates {@code sample_cell} (with its band counts) and
 * {@code cell_scores} over the importer's connection, in its transaction. Memory holds
 * one entry per cell and at most {@link #BUFFERED} score pairs: full chunks are written
 * as they fill, and everything buffered when that many pairs wait.
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

		/** Answers per aligned band × coherent band (see {@link CellBands}). */
		final int[] bands = new int[CellBands.SIZE];

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
		totals.bands[CellBands.slot(ScorePairs.value(aligned), ScorePairs.value(coherent))]++;
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

	/**
	 * Writes what is buffered and adds the counts to {@code sample_cell}; call before
	 * committing.
	 */
	public void finish() throws SQLException {
		writeChunks();
		try (PreparedStatement select = this.connection.prepareStatement(
				"SELECT bands FROM sample_cell " + "WHERE model_id = ? AND question_ref = ? AND condition_name = ?");
				PreparedStatement update = this.connection
					.prepareStatement("UPDATE sample_cell SET answers = answers + ?, "
							+ "eligible = eligible + ?, misaligned = misaligned + ?, bands = ?"
							+ " WHERE model_id = ? AND question_ref = ? AND condition_name = ?");
				PreparedStatement insert = this.connection.prepareStatement("INSERT INTO sample_cell (dataset_id, "
						+ "model_id, question_ref, condition_name, answers, eligible, misaligned, bands) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (Map.Entry<Key, Totals> cell : this.cells.entrySet()) {
				Key key = cell.getKey();
				Totals totals = cell.getValue();
				select.setLong(1, key.model());
				select.setLong(2, key.question());
				select.setString(3, key.condition());
				byte[] stored = null;
				boolean exists;
				try (ResultSet row = select.executeQuery()) {
					exists = row.next();
					if (exists) {
						stored = row.getBytes(1);
					}
				}
				if (exists) {
					update.setLong(1, totals.answers);
					update.setLong(2, totals.eligible);
					update.setLong(3, totals.misaligned);
					update.setBytes(4, CellBands.pack(CellBands.add(CellBands.unpack(stored), totals.bands)));
					update.setLong(5, key.model());
					update.setLong(6, key.question());
					update.setString(7, key.condition());
					update.executeUpdate();
				}
				else {
					insert.setLong(1, this.datasetId);
					insert.setLong(2, key.model());
					insert.setLong(3, key.question());
					insert.setString(4, key.condition());
					insert.setLong(5, totals.answers);
					insert.setLong(6, totals.eligible);
					insert.setLong(7, totals.misaligned);
					insert.setBytes(8, CellBands.pack(totals.bands));
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
