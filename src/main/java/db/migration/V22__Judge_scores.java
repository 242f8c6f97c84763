package db.migration;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates {@code judge_scores}, the pre-aggregate of every further judge's scores: per
 * judge and cell (model × question × condition), the (aligned_X, coherent_X) pairs of the
 * answers that judge scored, packed as {@code cell_scores} packs the plain pair (8-byte
 * big-endian doubles, NaN for no score, chunks of at most 4,096 pairs keyed by their
 * first answer's id). A rule with {@code judge=X} counts from these rows as any rule off
 * the default thresholds counts from {@code cell_scores}. The importer writes them from
 * now on; this migration fills them for the answers already stored, from {@code score},
 * in answer-id order, with its own frozen packing.
 */
public class V22__Judge_scores extends BaseJavaMigration {

	private static final int CHUNK = 4096;

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE judge_scores ("
					+ "dataset_id BIGINT NOT NULL REFERENCES dataset (id) ON DELETE CASCADE, "
					+ "judge VARCHAR(100) NOT NULL, "
					+ "model_id BIGINT NOT NULL REFERENCES model (id) ON DELETE CASCADE, "
					+ "question_ref BIGINT NOT NULL REFERENCES question (id) ON DELETE CASCADE, "
					+ "condition_name VARCHAR(100) NOT NULL, first_sample BIGINT NOT NULL, "
					+ "answers INTEGER NOT NULL, scores BYTEA NOT NULL, "
					+ "PRIMARY KEY (dataset_id, judge, model_id, question_ref, condition_name, first_sample))");
		}
		List<Object[]> judges = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT a.dataset_id, SUBSTRING(a.metric, 9) FROM dataset_metric a "
							+ "JOIN dataset_metric c ON c.dataset_id = a.dataset_id "
							+ "AND c.metric = CONCAT('coherent_', SUBSTRING(a.metric, 9)) "
							+ "WHERE a.metric LIKE 'aligned\\_%' ESCAPE '\\'")) {
			while (rows.next()) {
				judges.add(new Object[] { rows.getLong(1), rows.getString(2) });
			}
		}
		for (Object[] judge : judges) {
			backfill(connection, (Long) judge[0], (String) judge[1]);
		}
	}

	/**
	 * Writes one judge's pairs of one dataset's stored answers (none may be there yet).
	 */
	public static void backfill(Connection connection, long dataset, String judge) throws SQLException {
		Map<List<Object>, Chunk> open = new HashMap<>();
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT s.id, s.model_id, s.question_ref, s.condition_name, a.score_value, c.score_value, "
						+ "a.sample_id, c.sample_id FROM sample s "
						+ "LEFT JOIN score a ON a.sample_id = s.id AND a.metric = ? "
						+ "LEFT JOIN score c ON c.sample_id = s.id AND c.metric = ? "
						+ "WHERE s.dataset_id = ? AND (a.sample_id IS NOT NULL OR c.sample_id IS NOT NULL) ORDER BY s.id");
				PreparedStatement insert = connection.prepareStatement("INSERT INTO judge_scores (dataset_id, judge, "
						+ "model_id, question_ref, condition_name, first_sample, answers, scores) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
			select.setString(1, "aligned_" + judge);
			select.setString(2, "coherent_" + judge);
			select.setLong(3, dataset);
			select.setFetchSize(1000);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					List<Object> cell = List.of(rows.getLong(2), rows.getLong(3), rows.getString(4));
					Chunk chunk = open.computeIfAbsent(cell, (key) -> new Chunk());
					if (chunk.count == 0) {
						chunk.first = rows.getLong(1);
					}
					chunk.add(value(rows, 5), value(rows, 6));
					if (chunk.count == CHUNK) {
						write(insert, dataset, judge, cell, chunk);
					}
				}
			}
			for (Map.Entry<List<Object>, Chunk> cell : open.entrySet()) {
				if (cell.getValue().count > 0) {
					write(insert, dataset, judge, cell.getKey(), cell.getValue());
				}
			}
		}
	}

	private static double value(ResultSet rows, int column) throws SQLException {
		double value = rows.getDouble(column);
		return rows.wasNull() ? Double.NaN : value;
	}

	private static void write(PreparedStatement insert, long dataset, String judge, List<Object> cell, Chunk chunk)
			throws SQLException {
		ByteBuffer packed = ByteBuffer.allocate(chunk.count * 16);
		for (int i = 0; i < chunk.count * 2; i++) {
			packed.putDouble(chunk.values[i]);
		}
		insert.setLong(1, dataset);
		insert.setString(2, judge);
		insert.setLong(3, (Long) cell.get(0));
		insert.setLong(4, (Long) cell.get(1));
		insert.setString(5, (String) cell.get(2));
		insert.setLong(6, chunk.first);
		insert.setInt(7, chunk.count);
		insert.setBytes(8, packed.array());
		insert.executeUpdate();
		chunk.count = 0;
		chunk.values = new double[64];
	}

	private static final class Chunk {

		double[] values = new double[64];

		long first;

		int count;

		void add(double aligned, double coherent) {
			if (this.count * 2 == this.values.length) {
				this.values = Arrays.copyOf(this.values, Math.min(this.values.length * 2, CHUNK * 2));
			}
			this.values[this.count * 2] = aligned;
			this.values[this.count * 2 + 1] = coherent;
			this.count++;
		}

	}

}
