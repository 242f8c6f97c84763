package org.misalignment.dashboard.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.ReportedFigure;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How a whole dataset is assembled, as its manifest says: its provenance, its question
 * files and its result files, each with the model, group and condition it holds when the
 * file does not say. Paths are relative to the manifest and stay inside its folder.
 * {@code reported} is null when the manifest lists no reported figures (those stored
 * stay).
 */
public record Manifest(Path path, String dataset, String title, String description, String source, String license,
		String judge, List<Path> questions, List<Entry> files, List<ReportedFigure> reported) {

	record Entry(Path path, FileDefaults defaults) {
	}

	public static boolean looksLikeManifest(Node root) {
		return root instanceof org.yaml.snakeyaml.nodes.MappingNode;
	}

	static Manifest read(Path path, Node root) throws ImportException {
		YamlNodes yaml = new YamlNodes(path);
		Map<String, Node> map = yaml.mapping(root, "a manifest");
		for (String key : map.keySet()) {
			if (!List
				.of("dataset", "title", "description", "source", "license", "judge", "questions", "files", "reported")
				.contains(key)) {
				throw new ImportException(path, YamlNodes.line(map.get(key)), "unknown manifest key '" + key
						+ "' (expected dataset, title, description, source, license, judge, questions, files, reported)");
			}
		}
		Path folder = path.toAbsolutePath().normalize().getParent();
		List<Path> questions = new ArrayList<>();
		Node questionNode = map.get("questions");
		if (questionNode != null) {
			for (Node item : yaml.sequence(questionNode, "questions")) {
				questions.add(existing(path, folder, yaml.scalar(item, "each question file"), item));
			}
		}
		List<Entry> files = new ArrayList<>();
		Node fileNode = map.get("files");
		if (fileNode != null) {
			for (Node item : yaml.sequence(fileNode, "files")) {
				Map<String, Node> entry = yaml.mapping(item, "each file");
				Path file = existing(path, folder, yaml.required(entry, "path", item, "a file entry"), item);
				files.add(new Entry(file, new FileDefaults(yaml.optional(entry, "model"), yaml.optional(entry, "group"),
						yaml.optional(entry, "condition"))));
			}
		}
		String dataset = yaml.optional(map, "dataset");
		if (dataset != null && !ImportRequest.isSlug(dataset)) {
			throw new ImportException(path, YamlNodes.line(map.get("dataset")),
					"dataset '" + dataset + "' is not a slug (lower-case letters, digits, '-', '_' and '.')");
		}
		return new Manifest(path, dataset, provenance(yaml, map, "title", 500),
				provenance(yaml, map, "description", 10_000), provenance(yaml, map, "source", 2000),
				provenance(yaml, map, "license", 200), provenance(yaml, map, "judge", 200), questions, files,
				(map.get("reported") != null) ? ReportedEntries.read(yaml, map.get("reported")) : null);
	}

	/** A provenance field, refused here when it would not fit its column. */
	private static String provenance(YamlNodes yaml, Map<String, Node> map, String key, int max)
			throws ImportException {
		String value = yaml.optional(map, key);
		return (value != null) ? StoredText.check(value, max, "the " + key, yaml.path(), YamlNodes.line(map.get(key)))
				: null;
	}

	private static Path existing(Path manifest, Path folder, String relative, Node node) throws ImportException {
		Path file;
		try {
			file = folder.resolve(relative).normalize();
		}
		catch (java.nio.file.InvalidPathException ex) {
			throw new ImportException(manifest, YamlNodes.line(node), "not a file path: " + ex.getReason());
		}
		// a manifest (perhaps uploaded) must not pull other files of the machine into a
		// public dataset
		if (!file.startsWith(folder)) {
			throw new ImportException(manifest, YamlNodes.line(node),
					"'" + relative + "' is outside the manifest's folder; name files relative to it, inside it");
		}
		if (!Files.isRegularFile(file)) {
			throw new ImportException(manifest, YamlNodes.line(node), "no such file: " + relative);
		}
		// the same for where the path really leads: a link inside the folder may point
		// anywhere
		try {
			if (!file.toRealPath().startsWith(folder.toRealPath())) {
				throw new ImportException(manifest, YamlNodes.line(node), "'" + relative
						+ "' is a link to a file outside the manifest's folder; copy the file into the folder instead");
			}
		}
		catch (java.io.IOException ex) {
			throw new ImportException(manifest, YamlNodes.line(node), "cannot read " + relative + ": " + ex);
		}
		return file;
	}

	/**
	 * The paths a manifest names, as written (question files, then answer files), without
	 * looking for them: the web import places uploaded files where the manifest expects
	 * them before the import reads it.
	 */
	public static List<String> namedPaths(Path path, Node root) throws ImportException {
		YamlNodes yaml = new YamlNodes(path);
		Map<String, Node> map = yaml.mapping(root, "a manifest");
		List<String> named = new ArrayList<>();
		if (map.get("questions") != null) {
			named.addAll(yaml.strings(map.get("questions"), "questions"));
		}
		if (map.get("files") != null) {
			for (Node item : yaml.sequence(map.get("files"), "files")) {
				named.add(yaml.required(yaml.mapping(item, "each file"), "path", item, "a file entry"));
			}
		}
		return named;
	}

}
