package org.misalignment.dashboard.store.imports;

import java.sql.PreparedStatement;

import org.misalignment.dashboard.store.Database;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a first run asks of the database: whether it holds no dataset yet, and, on
 * PostgreSQL, a lock under which instances starting together on one empty database take
 * turns, so that only the first one fills it.
 */
@Component
public class FirstImport {

	/**
	 * The advisory lock key instances take turns on ("demo" in ASCII); any number no
	 * other code uses.
	 */
	static final long LOCK_KEY = 0x64656d6fL;

	private final JdbcClient jdbc;

	// JdbcTemplate for the lock: it holds one connection through the action (a
	// ConnectionCallback), not JdbcClient's
	private final JdbcTemplate connections;

	private final Database database;

	FirstImport(JdbcClient jdbc, JdbcTemplate connections, Database database) {
		this.jdbc = jdbc;
		this.connections = connections;
		this.database = database;
	}

	/** Whether the database holds no dataset. */
	public boolean empty() {
		return this.jdbc.sql("SELECT COUNT(*) FROM dataset WHERE status = 'ready'").query(Long.class).single() == 0;
	}

	/**
	 * Runs the action alone among the instances on this database (on H2, which only one
	 * process opens, just runs it).
	 */
	public void inTurn(Runnable action) {
		if (!this.database.postgres()) {
			action.run();
			return;
		}
		this.connections.execute((ConnectionCallback<Void>) (connection) -> {
			// a session lock on a connection of its own: the action uses others, and a
			// crash releases it
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
				lock.setLong(1, LOCK_KEY);
				lock.execute();
			}
			try {
				action.run();
			}
			finally {
				try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
					unlock.setLong(1, LOCK_KEY);
					unlock.execute();
				}
			}
			return null;
		});
	}

}
