package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The answers' two indexes in score order ({@code ix_sample_by_aligned} and
 * {@code ix_sample_by_coherent}, as migration V10 made them), set aside while the import
 * command writes a large new dataset into an H2 file. Each new answer lands at a random
 * place in them, and H2 writes every page it changes anew: at a million answers keeping
 * them up to date took half the import's time and about a third of the file's peak size
 * (docs/operations.md, "Disk space"). Built again from sorted entries when the answers
 * are written, they cost a fraction of that. They are dropped only when the command is
 * the database's only user, and built again before its dataset is shown, or when it
 * fails; a killed import leaves them dropped, and the next import or start of the
 * dashboard builds them again ({@link #restore(Connection)}). Without them, pages sorted
 * by a score read the answers in another order and sort them: slower, never wrong. A
 * migration that changes these indexes must change {@link #DEFINITIONS} too
 * ({@code ScoreOrderIndexesTest} compares them).
 */
final class ScoreOrderIndexes {

	static final List<String> NAMES = List.of("IX_SAMPLE_BY_ALIGNED", "IX_SAMPLE_BY_COHERENT");

	/** As V10 creates them. */
	static final List<String> DEFINITIONS = List.of(
			"CREATE INDEX IF NOT EXISTS ix_sample_by_aligned ON sample (dataset_id, aligned, id, coherent, model_id, "
					+ "question_ref, condition_name)",
			"CREATE INDEX IF NOT EXISTS ix_sample_by_coherent ON sample (dataset_id, coherent, id, aligned, model_id, "
					+ "question_ref, condition_name)");

	private ScoreOrderIndexes() {
	}

	/** Drops both (committing what the connection's transaction holds). */
	static void drop(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String name : NAMES) {
				statement.execute("DROP INDEX IF EXISTS " + name);
			}
		}
	}

	/** How many of the two are missing (H2). */
	static int missing(Connection connection) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES "
				+ "WHERE TABLE_NAME = 'SAMPLE' AND INDEX_NAME IN (?, ?)")) {
			select.setString(1, NAMES.get(0));
			select.setString(2, NAMES.get(1));
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return NAMES.size() - rows.getInt(1);
			}
		}
	}

	/**
	 * Builds those missing again (committing what the connection's transaction holds);
	 * returns whether any was.
	 */
	static boolean restore(Connection connection) throws SQLException {
		if (missing(connection) == 0) {
			return false;
		}
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(0);
			for (String definition : DEFINITIONS) {
				statement.execute(definition);
			}
		}
		return true;
	}

}
