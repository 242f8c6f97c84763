package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps H2's file small while a new dataset is imported in parts. H2 writes every change
 * to fresh space in its file and, by default, keeps the space it frees for 45 seconds
 * before using it again (its guard against a disk that reorders writes across a power
 * cut); an import writing several megabytes a second grows the file by all it freed in
 * those 45 seconds, several times its final size (5.8× at a million answers). While an
 * import runs in parts, this sets that retention to zero, so H2 reuses freed space at
 * once, and forces what each part wrote onto the disk when it commits, which narrows the
 * window the retention guarded. The setting is restored when the last such import ends,
 * and it is not stored in the file: a killed import leaves the database as it was
 * configured. Only for an H2 database running inside this process (the import command on
 * its own, or the web application); a no-op for PostgreSQL or a database another process
 * serves.
 */
final class H2FileSpace implements AutoCloseable {

	/**
	 * Each store's retention before the first running import changed it, and how many
	 * run.
	 */
	private static final Map<MVStore, int[]> changed = new IdentityHashMap<>();

	private static final H2FileSpace NONE = new H2FileSpace(null);

	private final MVStore store;

	private H2FileSpace(MVStore store) {
		this.store = store;
	}

	/**
	 * Reuses freed space at once in the file behind {@code connection} until
	 * {@link #close()}, when it is an H2 database in this process and {@code reuse} is
	 * on.
	 */
	static H2FileSpace reuseAtOnce(Connection connection, boolean reuse) {
		MVStore store = reuse ? store(connection) : null;
		if (store == null) {
			return NONE;
		}
		synchronized (changed) {
			int[] saved = changed.computeIfAbsent(store, (s) -> new int[] { s.getRetentionTime(), 0 });
			saved[1]++;
			store.setRetentionTime(0);
		}
		return new H2FileSpace(store);
	}

	/** An import that changes nothing (until a staged import starts). */
	static H2FileSpace none() {
		return NONE;
	}

	/** Whether {@link #reuseAtOnce} would change anything for this connection. */
	static boolean applies(Connection connection, boolean reuse) {
		return reuse && store(connection) != null;
	}

	/** Forces what has been written so far onto the disk; call after each commit. */
	void synced() {
		if (this.store != null && !this.store.isClosed()) {
			this.store.sync();
		}
	}

	@Override
	public void close() {
		if (this.store == null) {
			return;
		}
		synchronized (changed) {
			int[] saved = changed.get(this.store);
			if (saved != null && --saved[1] == 0) {
				changed.remove(this.store);
				if (!this.store.isClosed()) {
					this.store.setRetentionTime(saved[0]);
				}
			}
		}
	}

	/** The store of an H2 file database that runs in this process, else {@code null}. */
	private static MVStore store(Connection connection) {
		try {
			if (!connection.isWrapperFor(JdbcConnection.class)) {
				return null;
			}
			if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local
					&& local.getDatabase().getStore() != null
					&& local.getDatabase().getStore().getMvStore().getFileStore() != null) {
				return local.getDatabase().getStore().getMvStore();
			}
			return null; // a database in memory has no file, one in another process no
							// store here
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
