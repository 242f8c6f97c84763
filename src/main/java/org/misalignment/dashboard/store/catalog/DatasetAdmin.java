package org.misalignment.dashboard.store.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** What the admin pages do to datasets: list every one (hidden ones too) with its answers, hide or show, delete. */
@Repository
public class DatasetAdmin {

	private static final String ENTRY = "SELECT d.slug, d.title, d.hidden, d.imported_at, "
			+ "(SELECT COALESCE(SUM(f.answers), 0) FROM dataset_file f WHERE f.dataset_id = d.id) FROM dataset d";

	private final JdbcTemplate jdbc;

	DatasetAdmin(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A dataset as the admin list shows it. */
	public record Entry(String slug, String title, boolean hidden, long answers, OffsetDateTime importedAt) {
	}

	/** Every dataset, by slug. */
	public List<Entry> list() {
		return this.jdbc.query(ENTRY + " ORDER BY d.slug", (row, n) -> entry(row));
	}

	public Optional<Entry> find(String slug) {
		return this.jdbc.query(ENTRY + " WHERE d.slug = ?", (row, n) -> entry(row), slug).stream().findFirst();
	}

	/** Hides the dataset from readers, or shows it again; false when there is no such dataset. */
	public boolean hide(String slug, boolean hidden) {
		return this.jdbc.update("UPDATE dataset SET hidden = ? WHERE slug = ?", hidden, slug) > 0;
	}

	/** Deletes the dataset with everything it holds; false when there is no such dataset. */
	@Transactional
	public boolean delete(String slug) {
		// answers, scores, files, models, questions and flags go with it (ON DELETE CASCADE)
		return this.jdbc.update("DELETE FROM dataset WHERE slug = ?", slug) > 0;
	}

	private static Entry entry(ResultSet row) throws SQLException {
		return new Entry(row.getString(1), row.getString(2), row.getBoolean(3), row.getLong(5),
				row.getTimestamp(4).toInstant().atOffset(ZoneOffset.UTC));
	}

}
