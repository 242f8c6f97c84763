package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.misalignment.dashboard.store.imports.ImportJobRows;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Imports started from the web, run in the background by the same {@link Importer} as the
 * command line (one transaction, all or nothing). Their state is a row of
 * {@code import_job}, so any instance can show it and ask for a cancel; the running
 * import sees the cancel at its next progress report and rolls back.
 */
@Component
public class ImportJobs implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ImportJobs.class);

	private final Importer importer;

	private final ImportJobRows rows;

	// two at a time at most: an import is heavy and the site must stay readable meanwhile
	private final ExecutorService runner = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "web-import");
		thread.setDaemon(true);
		return thread;
	});

	/** This instance's queued and running imports, whose sign of life it writes. */
	private final Set<Long> live = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService beating = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "web-import-beat");
		thread.setDaemon(true);
		return thread;
	});

	/** How often the instance says its imports are alive. */
	static final Duration BEAT = Duration.ofSeconds(5);

	ImportJobs(Importer importer, ImportJobRows rows) {
		this.importer = importer;
		this.rows = rows;
		this.beating.scheduleWithFixedDelay(this::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void beat() {
		try {
			this.rows.beat(List.copyOf(this.live));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not mark the running web imports alive: " + ex.getMessage());
		}
	}

	/**
	 * Thrown from the progress report of an import whose cancel was asked for; the
	 * importer rolls back.
	 */
	static final class Cancelled extends RuntimeException {

		Cancelled() {
			super("cancelled", null, false, false);
		}

	}

	/**
	 * Starts an import of files uploaded into {@code folder} (or of a catalog manifest
	 * written there), which is deleted when the import ends.
	 */
	public long start(ImportRequest request, Path folder, String files, String startedBy) {
		long id = this.rows.add(request.dataset(), files, startedBy);
		this.live.add(id);
		this.runner.execute(() -> {
			try {
				run(id, request, folder);
			}
			finally {
				this.live.remove(id);
			}
		});
		return id;
	}

	private void run(long id, ImportRequest request, Path folder) {
		this.rows.running(id);
		String state;
		String message;
		String dataset = request.dataset();
		try {
			ImportReport report = this.importer.run(request, new ImportProgress() {

				@Override
				public void update(long bytesRead, long bytesTotal, long answers) {
					progress(id, answers, bytesRead, bytesTotal);
				}

				@Override
				public void downloading(String url, long bytesRead, long bytesTotal) {
					// the percent of the file being downloaded, before the import reads
					// any
					progress(id, 0, bytesRead, Math.max(bytesTotal, 0));
				}

			});
			state = "done";
			message = report.summary();
			dataset = report.dataset();
			this.rows.answers(id, report.answers());
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
			message = "The import failed: " + uploaded(String.valueOf(ex.getMessage()), folder) + System.lineSeparator()
					+ "Nothing of this import was kept.";
			if (!(ex instanceof IOException)) {
				logger.warn("Web import " + id + " failed", ex);
			}
		}
		finally {
			delete(folder);
		}
		this.rows.finish(id, state, message, dataset);
	}

	private void progress(long id, long answers, long bytesRead, long bytesTotal) {
		this.rows.progress(id, answers, bytesRead, bytesTotal);
		if (this.rows.cancelRequested(id)) {
			throw new Cancelled();
		}
	}

	/**
	 * Names uploaded files as the admin knows them, without the server's upload folder.
	 */
	public static String uploaded(String message, Path folder) {
		String prefix = folder.toAbsolutePath() + folder.getFileSystem().getSeparator();
		return message.replace(prefix, "").replace(folder.toString() + folder.getFileSystem().getSeparator(), "");
	}

	/**
	 * Asks a running import to stop; returns false when there is no such running import.
	 */
	public boolean cancel(long id) {
		return this.rows.requestCancel(id);
	}

	public Optional<ImportJobRows.Job> find(long id) {
		return this.rows.find(id);
	}

	/** The latest web imports, newest first. */
	public List<ImportJobRows.Job> latest(int limit) {
		return this.rows.latest(limit);
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
		this.beating.shutdownNow();
	}

}
