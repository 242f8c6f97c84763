package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.misalignment.dashboard.store.imports.ImportStore;
import org.misalignment.dashboard.store.imports.ImportTransaction;
import org.misalignment.dashboard.store.imports.StagedImports;
import org.misalignment.dashboard.store.imports.StoreException;
import org.yaml.snakeyaml.nodes.Node;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Imports files into a dataset, all or nothing: everything one import adds is written in
 * one database transaction, committed only when every file has been read without error. A
 * failed or killed import leaves nothing a reader can see, and the database rolls the
 * rest back by itself. A file already imported into the dataset (same bytes, same model,
 * group and condition) is skipped.
 */
@Component
public class Importer {

	private final ImportStore store;

	private final Downloads downloads;

	/**
	 * Where imports are counted ({@code dashboard.imports},
	 * {@code dashboard.imported.answers}).
	 */
	private MeterRegistry meters = new SimpleMeterRegistry();

	/**
	 * Counts imports in the application's registry (see docs/operations.md, "Metrics").
	 */
	@Autowired(required = false)
	void meters(MeterRegistry registry) {
		this.meters = registry;
	}

	public Importer(ImportStore store, Downloads downloads) {
		this.store = store;
		this.downloads = downloads;
	}

	/**
	 * Imports the request's files, after downloading those it names by URL (a failed
	 * download is a {@link DownloadException}).
	 */
	public ImportReport run(ImportRequest request, ImportProgress progress) throws ImportException, IOException {
		Instant started = Instant.now();
		Plan plan = plan(request, progress);
		long bytes = 0;
		for (Step step : plan.steps) {
			bytes += Files.size(step.path);
		}
		this.store.checkSpace(plan.dataset, bytes);
		try (ImportTransaction transaction = this.store.begin(bytes)) {
			try {
				ImportReport report = write(transaction, plan, progress, started);
				transaction.commit();
				this.meters.counter("dashboard.imports", "outcome", "imported").increment();
				this.meters.counter("dashboard.imported.answers").increment(report.answers());
				Timer.builder("dashboard.import.duration")
					.register(this.meters)
					.record(Duration.between(started, Instant.now()));
				// the commit is part of the import (for a large one, a good part of it):
				// report the time after it
				return new ImportReport(report.dataset(), report.answers(), report.models(), report.questions(),
						report.files(), report.notes(), report.skipped(), Duration.between(started, Instant.now()));
			}
			catch (ImportException | IOException | RuntimeException ex) {
				transaction.rollback();
				this.meters.counter("dashboard.imports", "outcome", "failed").increment();
				throw ex;
			}
		}
		catch (StoreException ex) {
			throw new IllegalStateException("The database refused the import: " + ex.getMessage(), ex.getCause());
		}
	}

	private ImportReport write(ImportTransaction transaction, Plan plan, ImportProgress progress, Instant started)
			throws ImportException, IOException {
		long datasetId = transaction.dataset(plan.dataset, provenance(plan.manifest), waiting(progress));
		if (plan.manifest != null && plan.manifest.reported() != null) {
			transaction.reported(datasetId, plan.manifest.reported());
		}
		DatasetWriter writer = new DatasetWriter(transaction.rows(datasetId));
		List<String> notes = new ArrayList<>();
		long bytesTotal = 0;
		for (Step step : plan.steps) {
			bytesTotal += Files.size(step.path);
		}
		long bytesDone = 0;
		int files = 0;
		for (Step step : plan.steps) {
			try {
				if (write(writer, step, notes, progress, bytesDone, bytesTotal)) {
					files++;
				}
			}
			catch (ImportException ex) {
				throw step.named(ex);
			}
			bytesDone += Files.size(step.path);
			progress.update(bytesDone, bytesTotal, writer.answers());
		}
		writer.finish();
		if (transaction.indexesAside()) {
			progress.note("Building the answers' indexes set aside while they were written "
					+ "(on H2 about 15 s per million answers stored)");
		}
		transaction.finishDataset(datasetId);
		return new ImportReport(plan.dataset, writer.answers(), writer.modelsAdded(), writer.questionsAdded(), files,
				notes, writer.skipped(), Duration.between(started, Instant.now()));
	}

	/**
	 * Reads one file into the dataset, unless it is there already; returns whether it
	 * did.
	 */
	private boolean write(DatasetWriter writer, Step step, List<String> notes, ImportProgress progress, long bytesDone,
			long bytesTotal) throws ImportException, IOException {
		CheckedFile file = Formats.check(step.path);
		step.verify(file);
		ResultFormat format = Formats.detect(file, step.inspect, step.defaults);
		String key = file.sha256() + ";" + step.defaults.key();
		if (writer.hasFile(key)) {
			notes.add("Skipped " + step.source + ": already imported into this dataset (sha256 "
					+ file.sha256().substring(0, 12) + "…)");
			return false;
		}
		long fileId = writer.addFile(step.source, format.name(), file.sha256(), key);
		long before = writer.answers();
		ProgressReporting.Counting counted = new ProgressReporting.Counting(Files.newInputStream(step.path));
		try (Reader text = new InputStreamReader(counted, StandardCharsets.UTF_8)) {
			ImportSink sink = writer.sink(step.path, fileId, step.defaults);
			ReadAhead.read(format, file, text,
					new ProgressReporting(sink, writer, progress, counted, bytesDone, bytesTotal));
		}
		long added = writer.answers() - before;
		writer.finishFile(fileId, added);
		if (added == 0 && !(format instanceof QuestionYamlFormat)) {
			notes.add("Note: " + step.source + " has no answers (a header and no records)");
		}
		return true;
	}

	/** Tells the user, through the progress, about an earlier import of the dataset. */
	private static ImportTransaction.Waiting waiting(ImportProgress progress) {
		return new ImportTransaction.Waiting() {

			@Override
			public void waiting(String slug) {
				progress.note("An earlier import of dataset '" + slug + "' did not finish; waiting up to "
						+ StagedImports.ABANDONED_AFTER.toSeconds() + " s to see whether it is still running ...");
			}

			@Override
			public void removing(String slug) {
				progress.note("It is not: removing what it wrote ...");
			}

			@Override
			public void removed(long answers) {
				if (answers % 100_000 == 0) {
					progress.note(String.format("  %,d answers removed", answers));
				}
			}

		};
	}

	private static ImportTransaction.Provenance provenance(Manifest manifest) {
		return (manifest != null) ? new ImportTransaction.Provenance(manifest.title(), manifest.description(),
				manifest.source(), manifest.license(), manifest.judge()) : null;
	}

	/**
	 * Expands folders and manifests into the files to read, question files first, before
	 * anything is written.
	 */
	private Plan plan(ImportRequest request, ImportProgress progress) throws ImportException, IOException {
		List<Step> questions = new ArrayList<>();
		List<Step> results = new ArrayList<>();
		Manifest manifest = null;
		for (Path path : request.paths()) {
			if (Files.isDirectory(path)) {
				Path folderManifest = Stream.of("manifest.yaml", "manifest.yml")
					.map(path::resolve)
					.filter(Files::isRegularFile)
					.findFirst()
					.orElse(null);
				if (folderManifest != null) {
					manifest = addManifest(folderManifest, request, progress, questions, results, manifest);
					continue;
				}
				try (Stream<Path> walk = Files.walk(path)) {
					for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
						if (file.getFileName().toString().startsWith(".") || !Formats.isResultFile(file)) {
							continue;
						}
						(Formats.isYaml(file) ? questions : results).add(new Step(file, request));
					}
				}
			}
			else if (Formats.isYaml(path) && Manifest.looksLikeManifest(yamlOf(path))) {
				manifest = addManifest(path, request, progress, questions, results, manifest);
			}
			else {
				(Formats.isYaml(path) ? questions : results).add(new Step(path, request));
			}
		}
		for (Download download : request.downloads()) {
			Step step = downloaded(download, download, request.defaults(), request.inspect(), progress);
			(Formats.isYaml(step.path) ? questions : results).add(step);
		}
		String dataset = request.dataset();
		if (dataset == null && manifest != null) {
			dataset = manifest.dataset();
		}
		if (dataset == null) {
			dataset = ImportRequest.slugOf(request.paths().isEmpty() ? Path.of(request.downloads().get(0).name())
					: request.paths().get(0).toAbsolutePath().normalize());
		}
		List<Step> steps = new ArrayList<>(questions);
		steps.addAll(results);
		return new Plan(dataset, manifest, steps);
	}

	private static Node yamlOf(Path path) throws ImportException, IOException {
		CheckedFile.check(path);
		return Formats.yaml(path);
	}

	private Manifest addManifest(Path path, ImportRequest request, ImportProgress progress, List<Step> questions,
			List<Step> results, Manifest earlier) throws ImportException, IOException {
		if (earlier != null) {
			throw new ImportException(path, 1, "only one manifest per import (" + earlier.path() + " came first)");
		}
		Manifest manifest = Manifest.read(path, yamlOf(path));
		for (Path question : manifest.questions()) {
			questions.add(new Step(question, request));
		}
		for (Manifest.Entry entry : manifest.files()) {
			FileDefaults defaults = entry.defaults().withAttributes(entry.attributes()).or(request.defaults());
			// the command's Inspect options win over the entry's; its model and group do
			// not
			InspectOptions inspect = entry.inspect().under(request.inspect());
			Step step = (entry.download() != null)
					? downloaded(entry.download(), entry.download().from(request.mirror()), defaults, inspect, progress)
					: new Step(entry.path(), entry.path().toString(), entry.sha256(), entry.size(), defaults, inspect);
			(Formats.isYaml(step.path) ? questions : results).add(step);
		}
		return manifest;
	}

	/**
	 * A file to download (from {@code from}, the URL or its mirror), read from the cache
	 * and named by its URL.
	 */
	private Step downloaded(Download download, Download from, FileDefaults defaults, InspectOptions inspect,
			ImportProgress progress) throws IOException {
		Path file = this.downloads.fetch(from, progress);
		return new Step(file, download.url().toString(), download.sha256(), download.size(), defaults, inspect);
	}

	private record Plan(String dataset, Manifest manifest, List<Step> steps) {
	}

	/**
	 * A file to read, named in messages and in the dataset's file list by its
	 * {@code source} (its path, or the URL it was downloaded from), with the SHA-256 and
	 * size it must have when they are known, and how it is read when it is an Inspect
	 * log.
	 */
	private record Step(Path path, String source, String sha256, Long size, FileDefaults defaults,
			InspectOptions inspect) {

		Step(Path path, ImportRequest request) {
			this(path, path.toString(), null, null, request.defaults(), request.inspect());
		}

		void verify(CheckedFile file) throws ImportException {
			if (this.size != null && file.size() != this.size) {
				throw new ImportException(this.source, 1,
						String.format("the file is %,d bytes; the manifest says %,d", file.size(), this.size));
			}
			if (this.sha256 != null && !this.sha256.equals(file.sha256())) {
				throw new ImportException(this.source, 1,
						"its sha256 is " + file.sha256() + "; the manifest says " + this.sha256);
			}
		}

		/** The error named by the file's source, when it named the file read. */
		ImportException named(ImportException ex) {
			boolean renamed = !this.source.equals(this.path.toString()) && ex.path().equals(this.path.toString());
			return renamed ? new ImportException(this.source, ex.line(), ex.problem()) : ex;
		}

	}

}
