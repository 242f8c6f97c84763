package org.misalignment.dashboard.store.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The state of web imports, one row of {@code import_job} each, so that any instance can
 * show an import's progress and ask for its cancel.
 */
@Repository
public class ImportJobRows {

	private final JdbcClient jdbc;

	ImportJobRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A web import as its progress page shows it. */
	public record Job(long id, String dataset, String files, String startedBy, String state, long answers,
			long bytesRead, long bytesTotal, String message, boolean cancelRequested, OffsetDateTime startedAt,
			OffsetDateTime finishedAt) {

		public boolean running() {
			return this.state.equals("queued") || this.state.equals("running");
		}

		public Integer percent() {
			return (this.bytesTotal > 0) ? (int) Math.min(100, this.bytesRead * 100 / this.bytesTotal) : null;
		}

	}

	/** Adds a queued import; returns its id. */
	public long add(String dataset, String files, String startedBy) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO import_job (dataset, files, started_by, state, "
					+ "answers, bytes_read, bytes_total, cancel_requested, started_at, beat) "
					+ "VALUES (?, ?, ?, 'queued', 0, 0, 0, FALSE, ?, CURRENT_TIMESTAMP)")
			.params(dataset, files, startedBy, Timestamp.from(Instant.now()))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/** A sign of life of these queued or running imports, on the database's clock. */
	public void beat(java.util.Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("UPDATE import_job SET beat = CURRENT_TIMESTAMP WHERE id IN (:ids)")
				.param("ids", ids)
				.update();
		}
	}

	/**
	 * Marks failed every queued or running import without a sign of life for
	 * {@link #SILENT_SECONDS} (its instance stopped or died; a staged dataset it left is
	 * removed by {@link StagedImports}); returns how many.
	 */
	public int failSilent() {
		return this.jdbc
			.sql("UPDATE import_job SET state = 'failed', finished_at = CURRENT_TIMESTAMP, message = ? "
					+ "WHERE state IN ('queued', 'running') "
					+ "AND COALESCE(beat, started_at) < CURRENT_TIMESTAMP - INTERVAL '" + SILENT_SECONDS + "' SECOND")
			.param(SILENT)
			.update();
	}

	/** A queued or running import silent this long has lost its instance. */
	static final int SILENT_SECONDS = 60;

	static final String SILENT = "The dashboard instance that ran this import stopped before it ended (no sign of "
			+ "life for " + SILENT_SECONDS + " s). Nothing of this import was kept; start it again.";

	public void running(long id) {
		this.jdbc.sql("UPDATE import_job SET state = 'running' WHERE id = ?").param(id).update();
	}

	public void progress(long id, long answers, long bytesRead, long bytesTotal) {
		this.jdbc.sql("UPDATE import_job SET answers = ?, bytes_read = ?, bytes_total = ? WHERE id = ?")
			.params(answers, bytesRead, bytesTotal, id)
			.update();
	}

	public void answers(long id, long answers) {
		this.jdbc.sql("UPDATE import_job SET answers = ? WHERE id = ?").params(answers, id).update();
	}

	/**
	 * Ends the import in a state ({@code done}, {@code cancelled}, {@code failed}) with
	 * its message.
	 */
	public void finish(long id, String state, String message, String dataset) {
		this.jdbc.sql("UPDATE import_job SET state = ?, message = ?, dataset = ?, finished_at = ? WHERE id = ?")
			.params(state, message, dataset, Timestamp.from(Instant.now()), id)
			.update();
	}

	public boolean cancelRequested(long id) {
		// cancel_requested is NOT NULL; no such import is an
		// EmptyResultDataAccessException
		return this.jdbc.sql("SELECT cancel_requested FROM import_job WHERE id = ?")
			.param(id)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Asks a running import to stop; returns false when there is no such running import.
	 */
	public boolean requestCancel(long id) {
		return this.jdbc
			.sql("UPDATE import_job SET cancel_requested = TRUE WHERE id = ? " + "AND state IN ('queued', 'running')")
			.param(id)
			.update() > 0;
	}

	public Optional<Job> find(long id) {
		// by its primary key: one row at most
		return this.jdbc
			.sql("SELECT id, dataset, files, started_by, state, answers, bytes_read, bytes_total, "
					+ "message, cancel_requested, started_at, finished_at FROM import_job WHERE id = ?")
			.param(id)
			.query((row, n) -> job(row))
			.optional();
	}

	/** The latest web imports, newest first. */
	public List<Job> latest(int limit) {
		return this.jdbc
			.sql("SELECT id, dataset, files, started_by, state, answers, bytes_read, bytes_total, "
					+ "message, cancel_requested, started_at, finished_at FROM import_job ORDER BY id DESC LIMIT ?")
			.param(limit)
			.query((row, n) -> job(row))
			.list();
	}

	private static Job job(ResultSet row) throws SQLException {
		return new Job(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
				row.getLong(6), row.getLong(7), row.getLong(8), row.getString(9), row.getBoolean(10),
				time(row.getTimestamp(11)), time(row.getTimestamp(12)));
	}

	private static OffsetDateTime time(Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
	}

}
