package org.misalignment.dashboard.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.misalignment.dashboard.importing.ImportException;
import org.misalignment.dashboard.importing.ImportReport;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.store.imports.FirstImport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * On an empty database, writes the synthetic demo dataset and imports it through the same
 * importer users use. By default the import runs in the background once the application
 * is ready, so the port opens at once: meanwhile {@link DemoImportGate} answers pages and
 * the API with its progress and {@link DemoImportHealthIndicator} keeps readiness out of
 * service. With {@code dashboard.demo.wait=true} it runs before the web server opens its
 * port instead, and a failure stops the start. On PostgreSQL, instances starting together
 * on one empty database take turns under an advisory lock, so only the first imports.
 */
@Component
@ConditionalOnProperty(name = "dashboard.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoOnFirstRun implements SmartInitializingSingleton, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log log = LogFactory.getLog(DemoOnFirstRun.class);

	/**
	 * How long stopping the application waits for a background import to roll back.
	 */
	static final Duration STOP_WAIT = Duration.ofSeconds(30);

	private final FirstImport firstImport;

	private final Importer importer;

	private final DemoImportState state;

	private final boolean wait;

	private volatile boolean stopping;

	private Thread background;

	DemoOnFirstRun(FirstImport firstImport, Importer importer, DemoImportState state,
			@Value("${dashboard.demo.wait:false}") boolean wait) {
		this.firstImport = firstImport;
		this.importer = importer;
		this.state = state;
		this.wait = wait;
	}

	/**
	 * Before the web server starts: imports now when told to wait; otherwise marks an
	 * empty database's import as running, so the first request already hears of it.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (this.wait) {
			this.firstImport.inTurn(this::importIfEmpty);
		}
		else if (this.firstImport.empty()) {
			this.state.running();
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		startInBackground();
	}

	/** Starts the background import, once, when the database was empty at start. */
	synchronized void startInBackground() {
		if (this.state.whileRunning() == null || this.background != null) {
			return;
		}
		log.info("The database is empty: importing the synthetic demo dataset in the background; until it is done, "
				+ "pages and the API answer 503 with its progress and readiness is OUT_OF_SERVICE");
		this.background = new Thread(this::importInBackground, "demo-import");
		this.background.setDaemon(true);
		this.background.start();
	}

	/** Waits for the background import, if any, to end; true when it has. */
	boolean awaitBackground(Duration timeout) throws InterruptedException {
		Thread running;
		synchronized (this) {
			running = this.background;
		}
		if (running != null) {
			running.join(timeout.toMillis());
			return !running.isAlive();
		}
		return true;
	}

	private void importInBackground() {
		try {
			this.firstImport.inTurn(this::importIfEmpty);
		}
		catch (RuntimeException ex) {
			if (this.stopping) {
				log.info("The demo import stopped with the application; nothing of it was kept, and the next start "
						+ "on an empty database imports it again");
				this.state.failed("stopped with the application");
			}
			else {
				log.error("The demo import failed: " + ex.getMessage() + ". The dashboard runs without it "
						+ "(empty until a dataset is imported); the next start on an empty database tries again.", ex);
				this.state.failed(String.valueOf(ex.getMessage()));
			}
		}
	}

	private void importIfEmpty() {
		if (!this.firstImport.empty()) {
			this.state.done();
			return;
		}
		if (this.wait) {
			log.info("The database is empty: importing the synthetic demo dataset before the port opens "
					+ "(dashboard.demo.wait=true)");
		}
		this.state.running();
		Path folder = null;
		try {
			folder = Files.createTempDirectory("dashboard-demo");
			Path manifest = DemoGenerator.writeDemo(folder, DemoGenerator.DEFAULT_SEED);
			int[] lastTenth = { 0 };
			ImportReport report = this.importer.run(new ImportRequest(null, null, null, null, List.of(manifest)),
					(bytesRead, bytesTotal, answers) -> {
						if (this.stopping) {
							throw new Stopped();
						}
						this.state.progress(bytesRead, bytesTotal, answers);
						int tenth = (int) (10 * bytesRead / Math.max(1, bytesTotal));
						if (tenth > lastTenth[0] && tenth < 10) {
							lastTenth[0] = tenth;
							log.info(String.format("Demo import: %,d answers, %d%%", answers, tenth * 10));
						}
					});
			log.info(report.summary());
			this.state.done();
		}
		catch (IOException | ImportException ex) {
			throw new IllegalStateException("Could not import the demo dataset: " + ex.getMessage(), ex);
		}
		finally {
			deleteQuietly(folder);
		}
	}

	/**
	 * Stops a background import at its next progress report (the importer rolls it back)
	 * and waits a while for it.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.stopping = true;
		if (!awaitBackground(STOP_WAIT)) {
			log.warn("The demo import did not stop within " + STOP_WAIT.toSeconds() + " s");
		}
	}

	/**
	 * Thrown from the progress report when the application stops; the importer rolls
	 * back.
	 */
	private static final class Stopped extends RuntimeException {

		Stopped() {
			super("the application is stopping", null, false, false);
		}

	}

	private static void deleteQuietly(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			walk.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not delete " + folder + ": " + ex.getMessage());
		}
	}

}
