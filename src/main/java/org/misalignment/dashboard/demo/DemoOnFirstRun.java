package org.misalignment.dashboard.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On an empty database, writes the synthetic demo dataset and imports it through the same
 * importer users use. Runs before the web server opens its port, so the first page a
 * visitor sees already has data. On PostgreSQL, instances starting together on one empty
 * database take turns under an advisory lock, so only the first imports.
 */
@Component
@ConditionalOnProperty(name = "dashboard.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoOnFirstRun implements SmartInitializingSingleton {

	private static final Log log = LogFactory.getLog(DemoOnFirstRun.class);

	private final FirstImport firstImport;

	private final Importer importer;

	DemoOnFirstRun(FirstImport firstImport, Importer importer) {
		this.firstImport = firstImport;
		this.importer = importer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.firstImport.inTurn(this::importIfEmpty);
	}

	private void importIfEmpty() {
		if (!this.firstImport.empty()) {
			return;
		}
		log.info("The database is empty: importing the synthetic demo dataset");
		Path folder = null;
		try {
			folder = Files.createTempDirectory("dashboard-demo");
			Path manifest = DemoGenerator.writeDemo(folder, DemoGenerator.DEFAULT_SEED);
			int[] lastTenth = { 0 };
			ImportReport report = this.importer.run(new ImportRequest(null, null, null, null, List.of(manifest)),
					(bytesRead, bytesTotal, answers) -> {
						int tenth = (int) (10 * bytesRead / Math.max(1, bytesTotal));
						if (tenth > lastTenth[0] && tenth < 10) {
							lastTenth[0] = tenth;
							log.info(String.format("Demo import: %,d answers, %d%%", answers, tenth * 10));
						}
					});
			log.info(report.summary());
		}
		catch (IOException | ImportException ex) {
			throw new IllegalStateException("Could not import the demo dataset: " + ex.getMessage(), ex);
		}
		finally {
			deleteQuietly(folder);
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
