package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One import's transaction: everything it adds to a dataset is written over this one
 * connection and becomes visible at {@link #commit()}, or not at all. Every method throws
 * {@link StoreException} when the database refuses a statement.
 */
public final class ImportTransaction implements AutoCloseable {

	private final Connection connection;

	private final boolean autoCommit;

	ImportTransaction(Connection connection) throws SQLException {
		this.connection = connection;
		this.autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
	}

	/**
	 * Where a dataset comes from, as its manifest says; a {@code null} field leaves what
	 * is stored.
	 */
	public record Provenance(String title, String description, String source, String license, String judge) {
	}

	/**
	 * The id of the dataset with this slug. A new one is added (titled by its slug when
	 * the provenance has no title); an existing one takes the provenance's non-null
	 * fields, when there is a provenance.
	 */
	public long dataset(String slug, Provenance provenance) {
		try {
			try (PreparedStatement select = this.connection.prepareStatement("SELECT id FROM dataset WHERE slug = ?")) {
				select.setString(1, slug);
				try (ResultSet rows = select.executeQuery()) {
					if (rows.next()) {
						long id = rows.getLong(1);
						if (provenance != null) {
							try (PreparedStatement update = this.connection.prepareStatement("UPDATE dataset SET "
									+ "title = COALESCE(?, title), description = COALESCE(?, description), "
									+ "source_url = COALESCE(?, source_url), license = COALESCE(?, license), "
									+ "judge = COALESCE(?, judge) WHERE id = ?")) {
								bindProvenance(update, provenance);
								update.setLong(6, id);
								update.executeUpdate();
							}
						}
						return id;
					}
				}
			}
			try (PreparedStatement insert = this.connection.prepareStatement(
					"INSERT INTO dataset (title, description, source_url, license, judge, slug, status, imported_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?, 'ready', ?)",
					Statement.RETURN_GENERATED_KEYS)) {
				insert.setString(1, (provenance != null && provenance.title() != null) ? provenance.title() : slug);
				insert.setString(2, (provenance != null) ? provenance.description() : null);
				insert.setString(3, (provenance != null) ? provenance.source() : null);
				insert.setString(4, (provenance != null) ? provenance.license() : null);
				insert.setString(5, (provenance != null) ? provenance.judge() : null);
				insert.setString(6, slug);
				insert.setTimestamp(7, Timestamp.from(Instant.now()));
				insert.executeUpdate();
				try (ResultSet keys = insert.getGeneratedKeys()) {
					keys.next();
					return keys.getLong(1);
				}
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	private static void bindProvenance(PreparedStatement statement, Provenance provenance) throws SQLException {
		statement.setString(1, provenance.title());
		statement.setString(2, provenance.description());
		statement.setString(3, provenance.source());
		statement.setString(4, provenance.license());
		statement.setString(5, provenance.judge());
	}

	/**
	 * Writes the rows of one dataset: its files, models, questions, answers and their
	 * scores.
	 */
	public DatasetRows rows(long datasetId) {
		try {
			return new DatasetRows(this.connection, datasetId);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Ends the import of a dataset: computes and stores its version, and marks it
	 * imported now.
	 */
	public void finishDataset(long datasetId) {
		try {
			DatasetVersion.store(this.connection, datasetId);
			try (PreparedStatement touch = this.connection
				.prepareStatement("UPDATE dataset SET imported_at = ? WHERE id = ?")) {
				touch.setTimestamp(1, Timestamp.from(Instant.now()));
				touch.setLong(2, datasetId);
				touch.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	public void commit() {
		try {
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	public void rollback() {
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** Gives the connection back as it was lent. */
	@Override
	public void close() {
		try {
			try {
				this.connection.setAutoCommit(this.autoCommit);
			}
			finally {
				this.connection.close();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

}
