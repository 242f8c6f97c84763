package org.misalignment.dashboard.store.imports;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The state of web imports, one row of {@code import_job} each, so that any instance can show an import's progress
 * and ask for its cancel.
 */
@Repository
public class ImportJobRows {

	private final JdbcTemplate jdbc;

	ImportJobRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A web import as its progress page shows it. */
	public record Job(long id, String dataset, String files, String startedBy, String state, long answers, long bytesRead,
			long bytesTotal, String message, boolean cancelRequested, OffsetDateTime startedAt,
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
		this.jdbc.update((connection) -> {
			var insert = connection.prepareStatement("INSERT INTO import_job (dataset, files, started_by, state, "
					+ "answers, bytes_read, bytes_total, cancel_requested, started_at) "
					+ "VALUES (?, ?, ?, 'queued', 0, 0, 0, FALSE, ?)", new String[] { "id" });
			insert.setString(1, dataset);
			insert.setString(2, files);
			insert.setString(3, startedBy);
			insert.setTimestamp(4, Timestamp.from(Instant.now()));
			return insert;
		}, key);
		return key.getKey().longValue();
	}

	public void running(long id) {
		this.jdbc.update("UPDATE import_job SET state = 'running' WHERE id = ?", id);
	}

	public void progress(long id, long answers, long bytesRead, long bytesTotal) {
		this.jdbc.update("UPDATE import_job SET answers = ?, bytes_read = ?, bytes_total = ? WHERE id = ?", answers,
				bytesRead, bytesTotal, id);
	}

	public void answers(long id, long answers) {
		this.jdbc.update("UPDATE import_job SET answers = ? WHERE id = ?", answers, id);
	}

	/** Ends the import in a state ({@code done}, {@code cancelled}, {@code failed}) with its message. */
	public void finish(long id, String state, String message, String dataset) {
		this.jdbc.update("UPDATE import_job SET state = ?, message = ?, dataset = ?, finished_at = ? WHERE id = ?",
				state, message, dataset, Timestamp.from(Instant.now()), id);
	}

	public boolean cancelRequested(long id) {
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT cancel_requested FROM import_job WHERE id = ?", Boolean.class, id));
	}

	/** Asks a running import to stop; returns false when there is no such running import. */
	public boolean requestCancel(long id) {
		return this.jdbc.update("UPDATE import_job SET cancel_requested = TRUE WHERE id = ? "
				+ "AND state IN ('queued', 'running')", id) > 0;
	}

	public Optional<Job> find(long id) {
		return this.jdbc.query("SELECT id, dataset, files, started_by, state, answers, bytes_read, bytes_total, "
				+ "message, cancel_requested, started_at, finished_at FROM import_job WHERE id = ?", (row, n) -> new Job(
						row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
						row.getLong(6), row.getLong(7), row.getLong(8), row.getString(9), row.getBoolean(10),
						time(row.getTimestamp(11)), time(row.getTimestamp(12))),
				id).stream().findFirst();
	}

	/** The latest web imports, newest first. */
	public List<Job> latest(int limit) {
		return this.jdbc.query("SELECT id, dataset, files, started_by, state, answers, bytes_read, bytes_total, "
				+ "message, cancel_requested, started_at, finished_at FROM import_job ORDER BY id DESC LIMIT ?",
				(row, n) -> new Job(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
						row.getString(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getString(9),
						row.getBoolean(10), time(row.getTimestamp(11)), time(row.getTimestamp(12))),
				limit);
	}

	private static OffsetDateTime time(Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
	}

}
