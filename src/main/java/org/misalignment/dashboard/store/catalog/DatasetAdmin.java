package org.misalignment.dashboard.store.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.misalignment.dashboard.store.SiteGeneration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the admin pages do to datasets: list every one (hidden ones too) with its answers,
 * hide or show, delete.
 */
@Repository
public class DatasetAdmin {

	private static final String ENTRY = "SELECT d.slug, d.title, d.hidden, d.imported_at, "
			+ "(SELECT COALESCE(SUM(f.answers), 0) FROM dataset_file f WHERE f.dataset_id = d.id) FROM dataset d "
			// a new dataset being imported is no one's to see, hide or delete until its
			// import ends
			+ "WHERE d.status = 'ready'";

	private final JdbcClient jdbc;

	private final SiteGeneration generation;

	DatasetAdmin(JdbcClient jdbc, SiteGeneration generation) {
		this.jdbc = jdbc;
		this.generation = generation;
	}

	/** A dataset as the admin list shows it. */
	public record Entry(String slug, String title, boolean hidden, long answers, OffsetDateTime importedAt) {
	}

	/** Every dataset, by slug. */
	public List<Entry> list() {
		return this.jdbc.sql(ENTRY + " ORDER BY d.slug").query((row, n) -> entry(row)).list();
	}

	public Optional<Entry> find(String slug) {
		// the slug is unique: one row at most
		return this.jdbc.sql(ENTRY + " AND d.slug = ?").param(slug).query((row, n) -> entry(row)).optional();
	}

	/**
	 * Hides the dataset from readers, or shows it again; false when there is no such
	 * dataset.
	 */
	@Transactional
	public boolean hide(String slug, boolean hidden) {
		boolean changed = this.jdbc.sql("UPDATE dataset SET hidden = ? WHERE slug = ? AND status = 'ready'")
			.param(hidden)
			.param(slug)
			.update() > 0;
		this.generation.advance();
		return changed;
	}

	/**
	 * Deletes the dataset with everything it holds; false when there is no such dataset.
	 */
	@Transactional
	public boolean delete(String slug) {
		// answers, scores, files, models, questions and flags go with it (ON DELETE
		// CASCADE)
		// a million answers take longer than a visitor's query may (no timeout: an
		// admin's
		// request)
		boolean deleted = this.jdbc.sql("DELETE FROM dataset WHERE slug = ? AND status = 'ready'")
			.withQueryTimeout(0)
			.param(slug)
			.update() > 0;
		this.generation.advance();
		return deleted;
	}

	private static Entry entry(ResultSet row) throws SQLException {
		return new Entry(row.getString(1), row.getString(2), row.getBoolean(3), row.getLong(5),
				row.getTimestamp(4).toInstant().atOffset(ZoneOffset.UTC));
	}

}
