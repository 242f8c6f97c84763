package org.misalignment.dashboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A number, shared by every instance on the database, that grows with every change a
 * visitor could see: an import, a dataset hidden, shown or deleted, a reviewer's flag. A
 * page computed at one generation is the same page at that generation, so the number with
 * the page's address makes its entity tag, and a cached copy is checked with one read of
 * one row.
 * <p>
 * Writers advance it after their change, in the same transaction where they have one: a
 * reader who sees the new number then sees the change too. (Advancing before the change
 * could let a page computed from the old data carry the new number for ever.)
 */
@Component
public class SiteGeneration {

	static final String ADVANCE = "UPDATE site_generation SET generation = generation + 1 WHERE id = 1";

	private final JdbcClient jdbc;

	public SiteGeneration(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The generation now. */
	public long current() {
		return this.jdbc.sql("SELECT generation FROM site_generation WHERE id = 1").query(Long.class).single();
	}

	/** Advances the generation, after a change made through the data source. */
	public void advance() {
		this.jdbc.sql(ADVANCE).update();
	}

	/** Advances the generation inside the transaction that holds this connection. */
	public static void advance(Connection connection) throws SQLException {
		try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
			advance.executeUpdate();
		}
	}

}
