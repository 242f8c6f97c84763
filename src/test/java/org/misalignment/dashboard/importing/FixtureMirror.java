package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.misalignment.dashboard.Fixtures;

/**
 * A mirror of the catalog's hosts made of the copies of the published files in
 * ../shared/fixtures: a local server that answers a catalog URL's path with the copy of
 * that file, for {@code dashboard.catalog.mirror}.
 */
public final class FixtureMirror implements AutoCloseable {

	/** Where the copies of each repository's files at the catalog's commit are. */
	private static final Map<String, String> COPIES = Map.of(
			"/Cloakless/clarifying_EM/b5784396799a243e3a7367fd9b4a0ecbc6507501/", "catalog/model-organisms/",
			"/emergent-misalignment/emergent-misalignment/80c11967c07a328e7d7d43d13ce6847ae44dbcc9/evaluation/",
			"questions/",
			"/emergent-misalignment/emergent-misalignment/80c11967c07a328e7d7d43d13ce6847ae44dbcc9/results/",
			"full-csv/");

	private final LocalServer server;

	private FixtureMirror(LocalServer server) {
		this.server = server;
	}

	/**
	 * The copy of the file at a catalog URL, when the fixtures hold one (empty when they
	 * are not there).
	 */
	public static Optional<Path> copyOf(URI url) {
		String path = url.getRawPath();
		return COPIES.entrySet()
			.stream()
			.filter((copy) -> path.startsWith(copy.getKey()))
			.map((copy) -> Fixtures.FOLDER.resolve(copy.getValue() + path.substring(copy.getKey().length())))
			.filter(Files::isRegularFile)
			.findFirst();
	}

	/** Serves every copy of a published file under the path of its catalog URL. */
	public static FixtureMirror start() throws IOException {
		LocalServer server = new LocalServer();
		for (Map.Entry<String, String> copy : COPIES.entrySet()) {
			Path folder = Fixtures.FOLDER.resolve(copy.getValue());
			if (!Files.isDirectory(folder)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(folder)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					String relative = folder.relativize(file).toString().replace('\\', '/');
					server.serve(copy.getKey() + relative, Files.readAllBytes(file));
				}
			}
		}
		return new FixtureMirror(server);
	}

	/** The value of dashboard.catalog.mirror that reads from this server. */
	public String base() {
		return this.server.url("/");
	}

	public int requests() {
		return this.server.requests();
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * The records of a CSV file, counted without the importer: line breaks outside quoted
	 * fields end a record; the header and blank lines are not records.
	 */
	public static long csvRecords(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		long records = 0;
		boolean quoted = false;
		boolean blank = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == '\n' && !quoted) {
				records += blank ? 0 : 1;
				blank = true;
			}
			else if (c != '\r') {
				blank = false;
			}
		}
		records += blank ? 0 : 1;
		return records - 1;
	}

}
