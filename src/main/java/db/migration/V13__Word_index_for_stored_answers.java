package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills H2's text index of V12 for answers stored before it existed, as the importer
 * wrote it when this migration was released ({@link WordIndexAsOfV13}, a frozen copy, so
 * that a later change to the importer never changes what this migration does; a no-op on
 * a new database, and on PostgreSQL, which searched its GIN index then: V15 fills it
 * there). It reads each dataset's answers in id order, 10,000 at a time; a million
 * answers take about a minute, once.
 */
public class V13__Word_index_for_stored_answers extends BaseJavaMigration {

	private static final int BATCH = 10_000;

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
			return;
		}
		List<Long> datasets = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet ids = statement.executeQuery("SELECT id FROM dataset ORDER BY id")) {
			while (ids.next()) {
				datasets.add(ids.getLong(1));
			}
		}
		for (long datasetId : datasets) {
			backfill(connection, datasetId, WordIndexAsOfV13.CHUNK);
		}
	}

	/**
	 * Adds a dataset's stored answers to the index (which must hold nothing of it yet),
	 * in chunks of this size.
	 */
	public static void backfill(Connection connection, long datasetId, int chunk) throws SQLException {
		WordIndexAsOfV13 words = new WordIndexAsOfV13(connection, datasetId, chunk);
		try (PreparedStatement select = connection
			.prepareStatement("SELECT id, model_id, question_ref, condition_name, "
					+ "aligned, coherent, answer FROM sample WHERE dataset_id = ? AND id > ? ORDER BY dataset_id, id LIMIT ?")) {
			long after = Long.MIN_VALUE;
			int read;
			do {
				read = 0;
				select.setLong(1, datasetId);
				select.setLong(2, after);
				select.setInt(3, BATCH);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						double aligned = rows.getDouble(5);
						Double alignedScore = rows.wasNull() ? null : aligned;
						double coherent = rows.getDouble(6);
						Double coherentScore = rows.wasNull() ? null : coherent;
						after = rows.getLong(1);
						words.add(after, rows.getLong(2), rows.getLong(3), rows.getString(4), alignedScore,
								coherentScore, rows.getString(7));
						read++;
					}
				}
			}
			while (read == BATCH);
		}
		words.finish();
	}

}
