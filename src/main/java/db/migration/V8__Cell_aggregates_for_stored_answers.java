package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the pre-aggregates of V7 for answers imported before they existed, as the
 * importer wrote them when this migration was released ({@link CellAggregatesAsOfV8}, a
 * frozen copy, so that a later change to the importer never changes what this migration
 * does; a no-op on a new database), and on PostgreSQL adds the GIN index of the text
 * search.
 */
public class V8__Cell_aggregates_for_stored_answers extends BaseJavaMigration {

	/**
	 * The expression that the text search of PostgreSQL matched against when this
	 * migration was released: the GIN index is over it, so a search that matches another
	 * expression needs an index of its own (a new migration).
	 */
	static final String TEXT_VECTOR = "to_tsvector('simple', regexp_replace(answer, '[^A-Za-z0-9]+', ' ', 'g'))";

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement datasets = connection.createStatement();
				ResultSet ids = datasets.executeQuery("SELECT id FROM dataset ORDER BY id")) {
			while (ids.next()) {
				backfill(connection, ids.getLong(1));
			}
		}
		if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE INDEX ix_sample_text ON sample USING GIN (" + TEXT_VECTOR + ")");
			}
		}
	}

	/**
	 * Adds a dataset's stored answers to the pre-aggregates (which must hold nothing of
	 * it yet); {@code sample_cell} gets no band counts, which V11 adds.
	 */
	public static void backfill(Connection connection, long datasetId) throws SQLException {
		CellAggregatesAsOfV8 cells = new CellAggregatesAsOfV8(connection, datasetId);
		try (Statement statement = connection.createStatement()) {
			statement.setFetchSize(10_000);
			// in no order, as released: PostgreSQL returns the table's order, not always
			// the ids', so a cell's chunks
			// may hold its pairs in another order than the importer's and start at
			// another id; an ORDER BY added now
			// would change what this migration writes
			try (ResultSet rows = statement.executeQuery("SELECT model_id, question_ref, condition_name, id, aligned, "
					+ "coherent FROM sample WHERE dataset_id = " + datasetId)) {
				while (rows.next()) {
					double aligned = rows.getDouble(5);
					Double alignedScore = rows.wasNull() ? null : aligned;
					double coherent = rows.getDouble(6);
					Double coherentScore = rows.wasNull() ? null : coherent;
					cells.add(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getLong(4), alignedScore,
							coherentScore);
				}
			}
		}
		cells.finish();
	}

}
