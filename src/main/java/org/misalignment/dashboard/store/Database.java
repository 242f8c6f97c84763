package org.misalignment.dashboard.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database holds the data, H2 or PostgreSQL: the one place that decides it, from
 * the connection's metadata, asked once on first use. Store classes that write different
 * SQL for each ask here.
 */
@Component
public class Database {

	// JdbcTemplate, not JdbcClient: this reads the connection's metadata (a
	// ConnectionCallback), not a query
	private final JdbcTemplate jdbc;

	private volatile Boolean postgres;

	public Database(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the data source is PostgreSQL (otherwise it is H2). */
	public boolean postgres() {
		Boolean known = this.postgres;
		if (known == null) {
			known = this.jdbc.execute((ConnectionCallback<Boolean>) Database::postgres);
			this.postgres = known;
		}
		return known;
	}

	/**
	 * Whether this connection is to PostgreSQL, for code that holds a connection of its
	 * own (an import).
	 */
	public static boolean postgres(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
	}

}
