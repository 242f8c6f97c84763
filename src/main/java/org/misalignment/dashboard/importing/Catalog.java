package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The catalog of published datasets: manifests in {@code data-import/catalog/} (shipped
 * in the jar) whose files are URLs pinned to a commit, each with its SHA-256 and size. A
 * catalog dataset is imported like any manifest, its files downloaded and verified first;
 * {@code dashboard.catalog.mirror} fetches them from a mirror instead of their hosts.
 */
@Component
public class Catalog {

	/** Where the catalog's manifests are on the classpath. */
	static final String FOLDER = "data-import/catalog/";

	private final URI mirror;

	Catalog(@Value("${dashboard.catalog.mirror:}") String mirror) {
		if (mirror == null || mirror.isBlank()) {
			this.mirror = null;
		}
		else {
			try {
				this.mirror = Download.httpUrl(mirror.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("dashboard.catalog.mirror: " + ex.getMessage());
			}
		}
	}

	/**
	 * One dataset of the catalog: its name (the manifest's), what it is, and the files it
	 * downloads.
	 */
	public record Entry(String name, String title, String description, String source, String license, String citation,
			int files, long bytes) {

		/** The size of its files together, for people: {@code 10.1 MB}. */
		public String size() {
			return ProgressLine.bytes(this.bytes);
		}

	}

	/** The catalog's datasets, by name. */
	public static List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath:" + FOLDER + "*.yaml")) {
				String file = resource.getFilename();
				String name = file.substring(0, file.length() - ".yaml".length());
				Manifest manifest = manifest(name);
				long bytes = manifest.files().stream().mapToLong((entry) -> entry.size()).sum();
				entries.add(new Entry(name, manifest.title(), manifest.description(), manifest.source(),
						manifest.license(), manifest.citation(), manifest.files().size(), bytes));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list " + FOLDER + ": " + ex.getMessage(), ex);
		}
		entries.sort(Comparator.comparing(Entry::name));
		return entries;
	}

	public static Optional<Entry> find(String name) {
		return entries().stream().filter((entry) -> entry.name().equals(name)).findFirst();
	}

	/** The catalog as the command lists it: one line per dataset. */
	public static String listing() {
		StringBuilder text = new StringBuilder();
		for (Entry entry : entries()) {
			text.append(String.format(Locale.ROOT, "  %-18s %3d files %10s  %-8s %s%n", entry.name(), entry.files(),
					entry.size(), entry.license(), entry.title()));
		}
		return text.toString();
	}

	/**
	 * An import of a catalog dataset: its manifest is written into {@code folder} (which
	 * the caller deletes when the import ends), and its files are downloaded, from the
	 * mirror when one is set. {@code dataset} ({@code null}: the manifest's) is the slug
	 * it is imported as.
	 */
	public ImportRequest request(String name, String dataset, Path folder) throws IOException {
		if (find(name).isEmpty()) {
			throw new IllegalArgumentException("the catalog has no dataset '" + name + "'");
		}
		Path manifest = folder.resolve(name + ".yaml");
		try (InputStream in = resource(name)) {
			Files.copy(in, manifest);
		}
		String slug = (dataset != null) ? dataset : manifest(name).dataset();
		return new ImportRequest(slug, new FileDefaults(null, null, null), List.of(manifest), List.of(), this.mirror);
	}

	/** The manifest of a catalog dataset, read from the classpath. */
	static Manifest manifest(String name) {
		Path path = Path.of(FOLDER + name + ".yaml");
		try (Reader text = new InputStreamReader(resource(name), StandardCharsets.UTF_8)) {
			Manifest manifest = Manifest.read(path, YamlNodes.compose(path, text));
			for (Manifest.Entry entry : manifest.files()) {
				if (entry.download() == null || entry.size() == null) {
					throw new IllegalStateException(path + ": every file of a catalog dataset is a URL with its "
							+ "sha256 and size; " + entry.name() + " is not");
				}
			}
			return manifest;
		}
		catch (ImportException | IOException ex) {
			throw new IllegalStateException("the catalog's " + path + " is broken: " + ex.getMessage(), ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = Catalog.class.getClassLoader().getResourceAsStream(FOLDER + name + ".yaml");
		if (in == null) {
			throw new IOException("no catalog dataset " + name);
		}
		return in;
	}

}
