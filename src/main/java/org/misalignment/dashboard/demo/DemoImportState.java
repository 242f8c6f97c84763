package org.misalignment.dashboard.demo;

import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * How the first run's import of the demo dataset is going, for the pages that say so
 * while it runs ({@link DemoImportGate}) and for readiness
 * ({@link DemoImportHealthIndicator}). It is running only from a start on an empty
 * database until that import has ended, in the background; never while the demo is
 * switched off, and never once the database holds a dataset.
 */
@Component
class DemoImportState {

	/** Where the first run's import is. */
	enum Phase {

		/** Nothing to import, or not decided yet. */
		NONE,
		/** The database was empty at start: the demo is being imported. */
		RUNNING,
		/** Imported, or found already there (by another instance). */
		DONE,
		/** The import failed; the site runs without the demo. */
		FAILED

	}

	/** What a running import has done so far. */
	record Progress(int percent, long answers) {

		/** "Importing the demo dataset: 45% (33,000 answers)". */
		String sentence() {
			return String.format(Locale.ENGLISH, "Importing the demo dataset: %d%% (%,d answers)", this.percent,
					this.answers);
		}

	}

	private volatile Phase phase = Phase.NONE;

	private volatile Progress progress = new Progress(0, 0);

	private volatile String failure;

	void running() {
		this.progress = new Progress(0, 0);
		this.phase = Phase.RUNNING;
	}

	/**
	 * The importer's report; the percent of the bytes read stays below 100 until the
	 * import has committed.
	 */
	void progress(long bytesRead, long bytesTotal, long answers) {
		int percent = (int) Math.min(99, 100 * bytesRead / Math.max(1, bytesTotal));
		this.progress = new Progress(percent, answers);
	}

	void done() {
		this.phase = Phase.DONE;
	}

	void failed(String message) {
		this.failure = message;
		this.phase = Phase.FAILED;
	}

	Phase phase() {
		return this.phase;
	}

	/** The progress while the demo imports, else null. */
	Progress whileRunning() {
		return (this.phase == Phase.RUNNING) ? this.progress : null;
	}

	/** Why the import failed, when it did. */
	String failure() {
		return this.failure;
	}

}
