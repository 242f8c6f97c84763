package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.misalignment.dashboard.store.ReportedFigure;
import org.misalignment.dashboard.store.SiteGeneration;

/**
 * One import: everything it adds to a dataset is written over this one connection and
 * becomes visible at {@link #commit()}, or not at all. Every method throws
 * {@link StoreException} when the database refuses a statement.
 *
 * <p>
 * Into a <em>new</em> dataset, the import is staged: the dataset is created hidden with
 * status {@code importing}, its rows are committed every {@link #ANSWERS_PER_COMMIT}
 * answers (so the database never holds one transaction of a million answers, which costs
 * H2 many times the data's size in disk), and {@link #finishDataset(long)} makes it
 * visible in one short last transaction. A staged dataset that fails, is cancelled or is
 * killed is removed ({@link StagedImports}). Into an existing dataset, everything is one
 * transaction, as before: readers of that dataset must not see half an import.
 */
public final class ImportTransaction implements AutoCloseable {

	private final Connection connection;

	/** Answers written between two commits of a staged import. */
	static final int ANSWERS_PER_COMMIT = 50_000;

	private final boolean autoCommit;

	private final StagedImports staging;

	/** The staged dataset this import creates, or {@code null} when it adds to one. */
	private Long staged;

	private StagedImports.Heartbeat heartbeat;

	private final boolean reuseSpace;

	/** How a staged import keeps H2's file small; a no-op until one starts. */
	private H2FileSpace space = H2FileSpace.none();

	/**
	 * Whether a new dataset's import sets four of the answers' indexes aside
	 * ({@link SetAsideIndexes}).
	 */
	private final boolean setAsideIndexes;

	/** Whether they are set aside now, to be built again. */
	private boolean indexesAside;

	ImportTransaction(Connection connection, StagedImports staging, boolean reuseSpace, boolean setAsideIndexes)
			throws SQLException {
		this.connection = connection;
		this.staging = staging;
		this.reuseSpace = reuseSpace;
		this.setAsideIndexes = setAsideIndexes;
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
	 * the provenance has no title), staged until {@link #finishDataset(long)}; an
	 * existing one takes the provenance's non-null fields, when there is a provenance. An
	 * unfinished import of the same slug is waited for until it shows a sign of life
	 * (then this import is refused) or counts as abandoned (then it is removed first).
	 * @param waiting told when this waits for an earlier import, and what it found
	 */
	public long dataset(String slug, Provenance provenance, Waiting waiting) {
		try {
			Optional<StagedImports.Staged> earlier = this.staging.find(slug);
			if (earlier.isPresent()) {
				waiting.waiting(slug);
				if (!this.staging.awaitAbandoned(earlier.get())) {
					throw new ImportRunning(slug);
				}
				waiting.removing(slug);
				this.staging.remove(earlier.get().id(), waiting::removed);
			}
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
			try (PreparedStatement insert = this.connection
				.prepareStatement("INSERT INTO dataset (title, description, source_url, license, judge, slug, status, "
						+ "hidden, imported_at, import_beat) VALUES (?, ?, ?, ?, ?, ?, 'importing', TRUE, ?, CURRENT_TIMESTAMP)",
						Statement.RETURN_GENERATED_KEYS)) {
				insert.setString(1, (provenance != null && provenance.title() != null) ? provenance.title() : slug);
				insert.setString(2, (provenance != null) ? provenance.description() : null);
				insert.setString(3, (provenance != null) ? provenance.source() : null);
				insert.setString(4, (provenance != null) ? provenance.license() : null);
				insert.setString(5, (provenance != null) ? provenance.judge() : null);
				insert.setString(6, slug);
				Timestamp now = Timestamp.from(Instant.now());
				insert.setTimestamp(7, now);
				insert.executeUpdate();
				long id;
				try (ResultSet keys = insert.getGeneratedKeys()) {
					keys.next();
					id = keys.getLong(1);
				}
				// the slug is taken from here on, by a dataset no reader sees
				this.connection.commit();
				this.staged = id;
				this.heartbeat = this.staging.beat(id);
				this.space = H2FileSpace.reuseAtOnce(this.connection, this.reuseSpace);
				this.indexesAside = this.setAsideIndexes && SetAsideIndexes.tryDrop(this.connection);
				return id;
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImportRunning(slug);
		}
	}

	/**
	 * What an import tells its user while it waits for an earlier import of its dataset.
	 */
	public interface Waiting {

		/** An unfinished import of this dataset exists: waiting for a sign of life. */
		void waiting(String slug);

		/** It gave none: it is being removed. */
		void removing(String slug);

		/** So many of its answers are removed so far. */
		void removed(long answers);

		/** Tells nothing. */
		Waiting SILENT = new Waiting() {

			@Override
			public void waiting(String slug) {
			}

			@Override
			public void removing(String slug) {
			}

			@Override
			public void removed(long answers) {
			}

		};

	}

	/** Another import of the same new dataset is running now. */
	public static final class ImportRunning extends RuntimeException {

		ImportRunning(String slug) {
			super("dataset '" + slug + "' is being imported by another import right now; "
					+ "wait until it ends (or, if it was killed, until " + StagedImports.ABANDONED_AFTER.toSeconds()
					+ " s after it stopped) and import again");
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
			return new DatasetRows(this.connection, datasetId, (this.staged != null) ? this::checkpoint : null);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Replaces the dataset's reported figures with these (a manifest's {@code reported}
	 * list), in this import's transaction.
	 */
	public void reported(long datasetId, List<ReportedFigure> figures) {
		try {
			try (PreparedStatement delete = this.connection
				.prepareStatement("DELETE FROM reported_figure WHERE dataset_id = ?")) {
				delete.setLong(1, datasetId);
				delete.executeUpdate();
			}
			try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO reported_figure (dataset_id, "
					+ "list_position, label, group_name, model_name, question_set, condition_name, reported_rate, ci_low, "
					+ "ci_high, source, url, aligned_below, coherent_min, note) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				int position = 0;
				for (ReportedFigure figure : figures) {
					insert.setLong(1, datasetId);
					insert.setInt(2, position++);
					insert.setString(3, figure.label());
					insert.setString(4, figure.group());
					insert.setString(5, figure.model());
					insert.setString(6, figure.questions());
					insert.setString(7, figure.condition());
					insert.setDouble(8, figure.rate());
					insert.setObject(9, figure.low(), Types.DOUBLE);
					insert.setObject(10, figure.high(), Types.DOUBLE);
					insert.setString(11, figure.source());
					insert.setString(12, figure.url());
					insert.setObject(13, figure.alignedBelow(), Types.DOUBLE);
					insert.setObject(14, figure.coherentMin(), Types.DOUBLE);
					insert.setString(15, figure.note());
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Ends the import of a dataset: computes and stores its version, and marks it
	 * imported now. A staged dataset's rows are committed first, and it is made visible
	 * in what is left for {@link #commit()}: one short transaction.
	 */
	public void finishDataset(long datasetId) {
		try {
			DatasetVersion.store(this.connection, datasetId);
			if (this.staged != null) {
				this.connection.commit();
				// still staged, with its signs of life, while they are built
				restoreIndexes();
				stopHeartbeat();
				try (PreparedStatement show = this.connection
					.prepareStatement("UPDATE dataset SET status = 'ready', hidden = FALSE, import_beat = NULL, "
							+ "imported_at = ? WHERE id = ? AND status = 'importing'")) {
					show.setTimestamp(1, Timestamp.from(Instant.now()));
					show.setLong(2, datasetId);
					if (show.executeUpdate() != 1) {
						throw new IllegalStateException("The import of this new dataset was taken for abandoned "
								+ "and removed (it gave no sign of life for "
								+ StagedImports.ABANDONED_AFTER.toSeconds() + " s); import again");
					}
				}
				return;
			}
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

	/** Commits what a staged import has written so far (still seen by no reader). */
	private void checkpoint() {
		try {
			this.connection.commit();
			this.space.synced();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	public void commit() {
		try {
			// what the import changed becomes visible with a new generation (public
			// pages' entity tags)
			SiteGeneration.advance(this.connection);
			this.connection.commit();
			this.staged = null;
			H2Statistics.gather(this.connection);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Undoes the import: its last transaction is rolled back, and a staged dataset is
	 * removed with everything committed into it.
	 */
	public void rollback() {
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
		finally {
			stopHeartbeat();
		}
		if (this.staged != null) {
			this.staging.remove(this.staged, (answers) -> {
			});
			this.staged = null;
		}
		// after: fewer answers to build them from (a kill before this leaves them to the
		// next import or start)
		restoreIndexes();
	}

	/**
	 * Whether the indexes of {@link SetAsideIndexes} are set aside (built by
	 * {@link #finishDataset}).
	 */
	public boolean indexesAside() {
		return this.indexesAside;
	}

	/** Builds the indexes set aside again, if this import set them aside. */
	private void restoreIndexes() {
		if (this.indexesAside) {
			try {
				SetAsideIndexes.restore(this.connection);
			}
			catch (SQLException ex) {
				throw new StoreException(ex);
			}
			this.indexesAside = false;
		}
	}

	private void stopHeartbeat() {
		if (this.heartbeat != null) {
			this.heartbeat.close();
			this.heartbeat = null;
		}
	}

	/** Gives the connection back as it was lent. */
	@Override
	public void close() {
		stopHeartbeat();
		try {
			restoreIndexes();
		}
		catch (StoreException ex) {
			// the next import or start of the dashboard builds them
		}
		this.space.close();
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
