package org.misalignment.dashboard.store.imports;

import java.sql.PreparedStatement;

import org.misalignment.dashboard.store.Database;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a first run asks of the database: whether it holds no dataset yet, and, on PostgreSQL, a lock under which
 * instances starting together on one empty database take turns, so that only the first one fills it.
 */
@Component
public class FirstImport {

	/** The advisory lock key instances take turns on ("demo" in ASCII); any number no other code uses. */
	static final long LOCK_KEY = 0x64656d6fL;

	private final JdbcTemplate jdbc;

	private final Database database;

	FirstImport(JdbcTemplate jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	/** Whether the database holds no dataset. */
	public boolean empty() {
		Long datasets = this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset", Long.class);
		return !(datasets != null && datasets > 0);
	}

	/** Runs the action alone among the instances on this database (on H2, which only one process opens, just runs it). */
	public void inTurn(Runnable action) {
		if (!this.database.postgres()) {
			action.run();
			return;
		}
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			// a session lock on a connection of its own: the action uses others, and a crash releases it
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
