package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves each answer's text out of its {@code sample} row into {@code answer_text}, one
 * row per answer keyed by the answer's id. Everything that reads answers by model,
 * question, condition or score (and every index on {@code sample}) then reads rows of
 * about a hundred bytes instead of rows holding a thousand characters of text: H2 builds
 * one of the answers' indexes over a million answers in about 3 s instead of 16 s, most
 * of which went into decoding texts the index never holds. Pages that show texts read
 * them by id, a page at a time.
 * <p>
 * It copies the texts in id order, {@value #BATCH} answers per transaction (one
 * transaction of a million texts would make H2's file many times its size), and can be
 * stopped at any point: run again, it goes on after the last text copied. On an H2 file
 * of a million answers it takes about a minute, once; PostgreSQL keeps the old column's
 * space until {@code VACUUM FULL sample}.
 */
public class V23__Answer_text extends BaseJavaMigration {

	private static final Logger logger = LoggerFactory.getLogger(V23__Answer_text.class);

	private static final int BATCH = 50_000;

	@Override
	public boolean canExecuteInTransaction() {
		// it commits as it copies
		return false;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS answer_text ("
					+ "sample_id BIGINT NOT NULL PRIMARY KEY REFERENCES sample (id) ON DELETE CASCADE, "
					+ "answer VARCHAR(1000000) NOT NULL)");
		}
		if (!hasAnswerColumn(connection)) {
			return;
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			copyTexts(connection);
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER TABLE sample DROP COLUMN answer");
			}
			connection.commit();
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private static void copyTexts(Connection connection) throws SQLException {
		long total;
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sample")) {
			rows.next();
			total = rows.getLong(1);
		}
		try (PreparedStatement copy = connection
			.prepareStatement("INSERT INTO answer_text (sample_id, answer) SELECT id, answer FROM sample "
					+ "WHERE id > ? ORDER BY id LIMIT " + BATCH);
				PreparedStatement last = connection
					.prepareStatement("SELECT COALESCE(MAX(sample_id), 0) FROM answer_text")) {
			long copied = 0;
			while (true) {
				// after the last text copied: by an earlier part, or by a run stopped
				// half way
				try (ResultSet max = last.executeQuery()) {
					max.next();
					copy.setLong(1, max.getLong(1));
				}
				int rows = copy.executeUpdate();
				connection.commit();
				if (rows == 0) {
					break;
				}
				copied += rows;
				if (total > BATCH) {
					logger.info("Moving the answers' texts to their own table: {} of about {} moved", copied, total);
				}
			}
		}
	}

	private static boolean hasAnswerColumn(Connection connection) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		String table = meta.storesUpperCaseIdentifiers() ? "SAMPLE" : "sample";
		try (ResultSet columns = meta.getColumns(null, connection.getSchema(), table, null)) {
			while (columns.next()) {
				if (columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT).equals("answer")) {
					return true;
				}
			}
		}
		return false;
	}

}
