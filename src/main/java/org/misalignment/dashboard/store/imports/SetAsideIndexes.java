package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.store.Database;

/**
 * The answers' four indexes that a new dataset's answers land all over
 * ({@code ix_sample_by_aligned}, {@code ix_sample_by_coherent},
 * {@code ix_sample_by_model} and {@code ix_sample_by_question}, as migration V10 made
 * them), set aside while the import command writes a large new dataset into a database it
 * alone uses (an H2 file, or a PostgreSQL database no other client is connected to). Each
 * new answer lands at a random place in the first two, and at one of many places in the
 * others: H2 writes every page it changes anew, and PostgreSQL writes each page it first
 * changes after a checkpoint whole into its log. At a million answers keeping the
 * score-order two up to date took half the H2 import's time and about a third of the
 * file's peak size (docs/operations.md, "Disk space"). Built again from sorted entries
 * when the answers are written, they cost a fraction of that (about 1 s each on
 * PostgreSQL, 3 s on H2, per million answers stored; 16 s on H2 before V23 stored the
 * answers' texts apart from their rows). The answers' other indexes grow at their end (by
 * id, by file) and stay. They are dropped only when the command is the database's only
 * user, and built again before its dataset is shown, or when it fails; a killed import
 * leaves them dropped, and the next import or the dashboard builds them again
 * ({@link #restore(Connection)}). Without them, pages read the answers in another order
 * and sort them: slower, never wrong. A migration that changes these indexes must change
 * {@link #DEFINITIONS} too ({@code SetAsideIndexesTest} compares them).
 */
final class SetAsideIndexes {

	/** Their names, as H2 reports them; PostgreSQL folds them to lower case. */
	static final List<String> NAMES = List.of("IX_SAMPLE_BY_ALIGNED", "IX_SAMPLE_BY_COHERENT", "IX_SAMPLE_BY_MODEL",
			"IX_SAMPLE_BY_QUESTION");

	/** As V10 creates them. */
	static final List<String> DEFINITIONS = List.of(
			"CREATE INDEX IF NOT EXISTS ix_sample_by_aligned ON sample (dataset_id, aligned, id, coherent, model_id, "
					+ "question_ref, condition_name)",
			"CREATE INDEX IF NOT EXISTS ix_sample_by_coherent ON sample (dataset_id, coherent, id, aligned, model_id, "
					+ "question_ref, condition_name)",
			"CREATE INDEX IF NOT EXISTS ix_sample_by_model ON sample (model_id, question_ref, condition_name, id, "
					+ "aligned, coherent, dataset_id)",
			"CREATE INDEX IF NOT EXISTS ix_sample_by_question ON sample (question_ref, condition_name, model_id, id, "
					+ "aligned, coherent, dataset_id)");

	private SetAsideIndexes() {
	}

	/**
	 * Drops them, and commits (with what the connection's transaction holds), unless
	 * another client of PostgreSQL holds the answers' table for longer than
	 * {@link #LOCK_WAIT} (a long query of a monitor or an analyst): then they stay, and
	 * this returns false.
	 */
	static boolean tryDrop(Connection connection) throws SQLException {
		if (!Database.postgres(connection) || connection.getAutoCommit()) {
			drop(connection);
			return true;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
			drop(connection);
			return true;
		}
		catch (SQLException ex) {
			if (!"55P03".equals(ex.getSQLState())) { // lock_not_available
				throw ex;
			}
			connection.rollback();
			return false;
		}
	}

	/** How long {@link #tryDrop} waits for the answers' table on PostgreSQL. */
	static final Duration LOCK_WAIT = Duration.ofSeconds(5);

	/** Drops them, and commits (with what the connection's transaction holds). */
	static void drop(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String name : NAMES) {
				statement.execute("DROP INDEX IF EXISTS " + name);
			}
		}
		commit(connection);
	}

	/** How many of the four are missing. */
	static int missing(Connection connection) throws SQLException {
		boolean postgres = Database.postgres(connection);
		String sql = postgres
				? "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'sample' "
						+ "AND indexname IN (?, ?, ?, ?)"
				: "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'SAMPLE' AND INDEX_NAME IN (?, ?, ?, ?)";
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			for (int i = 0; i < NAMES.size(); i++) {
				select.setString(i + 1, postgres ? NAMES.get(i).toLowerCase(Locale.ROOT) : NAMES.get(i));
			}
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return NAMES.size() - rows.getInt(1);
			}
		}
	}

	/**
	 * Builds those missing again, and commits (with what the connection's transaction
	 * holds); returns whether any was. Another session building them at the same time (a
	 * dashboard starting while the command imports into PostgreSQL) is no failure.
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
			commit(connection);
		}
		catch (SQLException ex) {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			if (missing(connection) != 0) {
				throw ex;
			}
		}
		return true;
	}

	/** PostgreSQL's DDL is part of the transaction; H2's commits it already. */
	private static void commit(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
	}

}
