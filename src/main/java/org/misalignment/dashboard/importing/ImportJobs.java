package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Imports started from the web, run in the background by the same {@link Importer} as the command line (one
 * transaction, all or nothing). Their state is a row of {@code import_job}, so any instance can show it and
 * ask for a cancel; the running import sees the cancel at its next progress report and rolls back.
 */
@Component
public class ImportJobs implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ImportJobs.class);

	private final Importer importer;

	private final JdbcTemplate jdbc;

	// two at a time at most: an import is heavy and the site must stay readable meanwhile
	private final ExecutorService runner = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "web-import");
		thread.setDaemon(true);
		return thread;
	});

	ImportJobs(Importer importer, JdbcTemplate jdbc) {
		this.importer = importer;
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

	/** Thrown from the progress report of an import whose cancel was asked for; the importer rolls back. */
	static final class Cancelled extends RuntimeException {

		Cancelled() {
			super("cancelled", null, false, false);
		}

	}

	/** Starts an import of files uploaded into {@code folder}, which is deleted when the import ends. */
	public long start(ImportRequest request, Path folder, String files, String startedBy) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update((connection) -> {
			var insert = connection.prepareStatement("INSERT INTO import_job (dataset, files, started_by, state, "
					+ "answers, bytes_read, bytes_total, cancel_requested, started_at) "
					+ "VALUES (?, ?, ?, 'queued', 0, 0, 0, FALSE, ?)", new String[] { "id" });
			insert.setString(1, request.dataset());
			insert.setString(2, files);
			insert.setString(3, startedBy);
			insert.setTimestamp(4, Timestamp.from(Instant.now()));
			return insert;
		}, key);
		long id = key.getKey().longValue();
		this.runner.execute(() -> run(id, request, folder));
		return id;
	}

	private void run(long id, ImportRequest request, Path folder) {
		this.jdbc.update("UPDATE import_job SET state = 'running' WHERE id = ?", id);
		String state;
		String message;
		String dataset = request.dataset();
		try {
			ImportReport report = this.importer.run(request, (bytesRead, bytesTotal, answers) -> {
				this.jdbc.update("UPDATE import_job SET answers = ?, bytes_read = ?, bytes_total = ? WHERE id = ?",
						answers, bytesRead, bytesTotal, id);
				if (cancelRequested(id)) {
					throw new Cancelled();
				}
			});
			state = "done";
			message = report.summary();
			dataset = report.dataset();
			this.jdbc.update("UPDATE import_job SET answers = ? WHERE id = ?", report.answers(), id);
		}
		catch (Cancelled ex) {
			state = "cancelled";
			message = "Cancelled: nothing of this import was kept.";
		}
		catch (ImportException ex) {
			state = "failed";
			message = uploaded(ex.getMessage(), folder) + System.lineSeparator() + "Nothing of this import was kept.";
		}
		catch (IOException | RuntimeException ex) {
			state = "failed";
			message = "The import failed: " + uploaded(String.valueOf(ex.getMessage()), folder)
					+ System.lineSeparator() + "Nothing of this import was kept.";
			if (!(ex instanceof IOException)) {
				logger.warn("Web import " + id + " failed", ex);
			}
		}
		finally {
			delete(folder);
		}
		this.jdbc.update("UPDATE import_job SET state = ?, message = ?, dataset = ?, finished_at = ? WHERE id = ?",
				state, message, dataset, Timestamp.from(Instant.now()), id);
	}

	/** Names uploaded files as the admin knows them, without the server's upload folder. */
	public static String uploaded(String message, Path folder) {
		String prefix = folder.toAbsolutePath() + folder.getFileSystem().getSeparator();
		return message.replace(prefix, "").replace(folder.toString() + folder.getFileSystem().getSeparator(), "");
	}

	private boolean cancelRequested(long id) {
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT cancel_requested FROM import_job WHERE id = ?", Boolean.class, id));
	}

	/** Asks a running import to stop; returns false when there is no such running import. */
	public boolean cancel(long id) {
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

	public static void delete(Path folder) {
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not delete the upload folder " + folder + ": " + ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.runner.shutdownNow();
	}

}
