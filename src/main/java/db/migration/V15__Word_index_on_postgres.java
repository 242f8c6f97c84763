package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, which from this version on searches text through the word index of V12
 * as H2 does: fills the index for the answers stored before (the importer did not write
 * it there, and V13 left PostgreSQL alone), as the importer writes it now
 * ({@link WordIndexAsOfV13}: the importer still writes it as it did then, and that frozen
 * copy never changes, so a later change to the importer never changes what this migration
 * does), and drops the GIN index of V8, which nothing reads any more and every import had
 * to update. A no-op on H2, whose index V13 filled. It reads each dataset's answers in id
 * order, 10,000 at a time; a million answers take about a minute, once.
 */
public class V15__Word_index_on_postgres extends BaseJavaMigration {

	private static final int BATCH = 10_000;

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
			return;
		}
		List<Long> datasets = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP INDEX IF EXISTS ix_sample_text");
			// nothing wrote these tables on PostgreSQL: a clean start all the same
			statement.execute("DELETE FROM word_postings");
			statement.execute("DELETE FROM word_answers");
			statement.execute("DELETE FROM word_cell");
			try (ResultSet ids = statement.executeQuery("SELECT id FROM dataset ORDER BY id")) {
				while (ids.next()) {
					datasets.add(ids.getLong(1));
				}
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
