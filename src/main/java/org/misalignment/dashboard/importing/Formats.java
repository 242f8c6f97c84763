package org.misalignment.dashboard.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Tells which format a file is in, by its name and, where the name is not enough, by its
 * first record.
 */
public final class Formats {

	private Formats() {
	}

	static boolean isResultFile(Path path) {
		String extension = extension(path);
		if (extension.equals("json")) {
			// a folder may hold other JSON files (Inspect's own logs.json listing among
			// them)
			return InspectFormat.looksLikeLog(path);
		}
		return List.of("csv", "jsonl", "ndjson", "yaml", "yml", "eval").contains(extension);
	}

	/** Checks a file before it is read: a binary {@code .eval} log is only hashed. */
	static CheckedFile check(Path path) throws ImportException, IOException {
		return extension(path).equals("eval") ? CheckedFile.hash(path) : CheckedFile.check(path);
	}

	/**
	 * The format of a results file, with what an import says about Inspect logs: how to
	 * name their metrics, and whether it names the model ({@code defaults}).
	 */
	static ResultFormat detect(CheckedFile file, InspectOptions inspect, FileDefaults defaults)
			throws IOException, ImportException {
		String extension = extension(file.path());
		if (extension.equals("eval") || extension.equals("json")) {
			return new InspectFormat(extension.equals("eval"), inspect, defaults.model() != null);
		}
		return detect(file);
	}

	public static boolean isYaml(Path path) {
		String extension = extension(path);
		return extension.equals("yaml") || extension.equals("yml");
	}

	/**
	 * The format of a results file or question YAML; a manifest is read as a
	 * {@link Manifest} instead.
	 */
	static ResultFormat detect(CheckedFile file) throws IOException, ImportException {
		Path path = file.path();
		switch (extension(path)) {
			case "csv":
				try (Reader text = open(path)) {
					List<String> header = new CsvRecords(text, path).next();
					if (header == null) {
						throw new ImportException(path, 1, "empty file");
					}
					return CsvFormat.detect(header);
				}
			case "jsonl":
			case "ndjson":
				return new JsonlFormat();
			case "yaml":
			case "yml":
				Node root = yaml(path);
				if (Manifest.looksLikeManifest(root)) {
					throw new ImportException(path, 1, "a manifest cannot be listed inside another import");
				}
				return new QuestionYamlFormat(root);
			default:
				throw new ImportException(path, 1, "unknown file type '" + path.getFileName()
						+ "' (expected .csv, .jsonl, .ndjson, .yaml, .yml, or an Inspect log: .eval or .json)");
		}
	}

	public static Node yaml(Path path) throws IOException, ImportException {
		try (Reader text = open(path)) {
			return YamlNodes.compose(path, text);
		}
	}

	static Reader open(Path path) throws IOException {
		return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8),
				1 << 16);
	}

	private static String extension(Path path) {
		String name = path.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
	}

}
