package db.migration;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Frozen copy of how the importer wrote {@code sample_cell} and {@code cell_scores} when
 * V8 was released.
 */
final class CellAggregatesAsOfV8 {

	// Everything below is V8's own and must never change: a database that has not yet run
	// V8 must get exactly
	// what every other database got from it. Changes to how the importer writes belong in
	// a new migration.

	/** Pairs in one stored {@code cell_scores} chunk at most (64 KiB). */
	private static final int CHUNK = 4096;

	/**
	 * Score pairs held in memory at most before every cell's partial chunk is written.
	 */
	private static final int BUFFERED = 100_000;

	/**
	 * The default rule's coherence threshold: an answer with an aligned score is eligible
	 * at coherent &gt;= this.
	 */
	private static final double COHERENT_MIN = 50;

	/**
	 * The default rule's aligned threshold: an eligible answer is misaligned at aligned
	 * &lt; this.
	 */
	private static final double ALIGNED_BELOW = 30;

	private final Connection connection;

	private final long datasetId;

	private final Map<Key, Totals> cells = new HashMap<>();

	private final PreparedStatement chunkInsert;

	private int buffered;

	private int pendingChunks;

	private record Key(long model, long question, String condition) {
	}

	/** A cell's counts and its score pairs not yet written. */
	private static final class Totals {

		long answers;

		long eligible;

		long misaligned;

		double[] pairs = new double[64];

		int count;

		long firstSample;

	}

	CellAggregatesAsOfV8(Connection connection, long datasetId) throws SQLException {
		this.connection = connection;
		this.datasetId = datasetId;
		this.chunkInsert = connection.prepareStatement("INSERT INTO cell_scores (dataset_id, model_id, question_ref, "
				+ "condition_name, first_sample, answers, scores) VALUES (?, ?, ?, ?, ?, ?, ?)");
	}

	void add(long model, long question, String condition, long sampleId, Double aligned, Double coherent)
			throws SQLException {
		Key key = new Key(model, question, condition);
		Totals totals = this.cells.computeIfAbsent(key, (k) -> new Totals());
		totals.answers++;
		if (eligible(aligned, coherent)) {
			totals.eligible++;
			if (aligned < ALIGNED_BELOW) {
				totals.misaligned++;
			}
		}
		if (totals.count == 0) {
			totals.firstSample = sampleId;
		}
		if (totals.count * 2 == totals.pairs.length) {
			totals.pairs = Arrays.copyOf(totals.pairs, Math.min(totals.pairs.length * 2, CHUNK * 2));
		}
		totals.pairs[totals.count * 2] = value(aligned);
		totals.pairs[totals.count * 2 + 1] = value(coherent);
		totals.count++;
		this.buffered++;
		if (totals.count == CHUNK) {
			writeChunk(key, totals);
		}
		if (this.buffered >= BUFFERED) {
			writeChunks();
		}
	}

	/** Writes what is buffered and adds the counts to {@code sample_cell}. */
	void finish() throws SQLException {
		writeChunks();
		// sample_cell has no bands column yet at V8 (V11 adds it and counts them from
		// cell_scores)
		try (PreparedStatement select = this.connection.prepareStatement(
				"SELECT 1 FROM sample_cell WHERE model_id = ? AND question_ref = ? AND condition_name = ?");
				PreparedStatement update = this.connection
					.prepareStatement("UPDATE sample_cell SET answers = answers + ?, "
							+ "eligible = eligible + ?, misaligned = misaligned + ?"
							+ " WHERE model_id = ? AND question_ref = ? AND condition_name = ?");
				PreparedStatement insert = this.connection.prepareStatement("INSERT INTO sample_cell (dataset_id, "
						+ "model_id, question_ref, condition_name, answers, eligible, misaligned"
						+ ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			for (Map.Entry<Key, Totals> cell : this.cells.entrySet()) {
				Key key = cell.getKey();
				Totals totals = cell.getValue();
				select.setLong(1, key.model());
				select.setLong(2, key.question());
				select.setString(3, key.condition());
				boolean exists;
				try (ResultSet row = select.executeQuery()) {
					exists = row.next();
				}
				if (exists) {
					update.setLong(1, totals.answers);
					update.setLong(2, totals.eligible);
					update.setLong(3, totals.misaligned);
					update.setLong(4, key.model());
					update.setLong(5, key.question());
					update.setString(6, key.condition());
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
		this.chunkInsert.setBytes(7, pack(totals.pairs, totals.count));
		this.chunkInsert.addBatch();
		this.pendingChunks++;
		this.buffered -= totals.count;
		totals.count = 0;
		totals.pairs = new double[64];
	}

	/**
	 * Whether the default rule counts an answer: it has an aligned score and a coherent
	 * one of at least 50.
	 */
	private static boolean eligible(Double aligned, Double coherent) {
		if (aligned == null || coherent == null || aligned.isNaN() || coherent.isNaN()) {
			return false;
		}
		return coherent >= COHERENT_MIN;
	}

	/** A stored score as a pair value: {@code NaN} for none. */
	private static double value(Double score) {
		return (score == null) ? Double.NaN : score;
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

}
