package org.misalignment.dashboard.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.ReportedFigure;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How a whole dataset is assembled, as its manifest says: its provenance, its question
 * files and its result files, each with the model, group and condition it holds when the
 * file does not say, and the model's attributes. Paths are relative to the manifest and
 * stay inside its folder; a file may also be an http(s) URL with its SHA-256, downloaded
 * before the import. {@code reported} is null when the manifest lists no reported figures
 * (those stored stay).
 */
public record Manifest(Path path, String dataset, String title, String description, String source, String license,
		String citation, String judge, List<Path> questions, List<Entry> files, List<ReportedFigure> reported) {

	private static final List<String> ENTRY_KEYS = List.of("path", "model", "group", "condition", "sha256", "size",
			"attributes", "metrics", "allow_incomplete");

	/**
	 * One file: a local {@code path} or a {@code download}; the SHA-256 and size it must
	 * have when the manifest gives them; the attributes of its model (family, size_b,
	 * fine_tune, lora_rank, …), kept as written; and how it is read when it is an Inspect
	 * log ({@code metrics}, {@code allow_incomplete}; {@link InspectOptions#NONE} when
	 * the entry says nothing of them).
	 */
	public record Entry(Path path, Download download, String sha256, Long size, FileDefaults defaults,
			Map<String, String> attributes, InspectOptions inspect) {

		/** The file's name, which says its format. */
		public String name() {
			return (this.download != null) ? this.download.name() : this.path.getFileName().toString();
		}

	}

	public static boolean looksLikeManifest(Node root) {
		return root instanceof org.yaml.snakeyaml.nodes.MappingNode;
	}

	static Manifest read(Path path, Node root) throws ImportException {
		YamlNodes yaml = new YamlNodes(path);
		Map<String, Node> map = yaml.mapping(root, "a manifest");
		for (String key : map.keySet()) {
			if (!List
				.of("dataset", "title", "description", "source", "license", "citation", "judge", "questions", "files",
						"reported")
				.contains(key)) {
				throw new ImportException(path, YamlNodes.line(map.get(key)), "unknown manifest key '" + key
						+ "' (expected dataset, title, description, source, license, citation, judge, questions, files, reported)");
			}
		}
		Path folder = path.toAbsolutePath().normalize().getParent();
		List<Path> questions = new ArrayList<>();
		Node questionNode = map.get("questions");
		if (questionNode != null) {
			for (Node item : yaml.sequence(questionNode, "questions")) {
				String question = yaml.scalar(item, "each question file");
				if (Download.isUrl(question)) {
					throw new ImportException(path, YamlNodes.line(item), "a question file to download goes under "
							+ "files, with its sha256: {path: " + question + ", sha256: …}");
				}
				questions.add(existing(path, folder, question, item));
			}
		}
		List<Entry> files = new ArrayList<>();
		Node fileNode = map.get("files");
		if (fileNode != null) {
			for (Node item : yaml.sequence(fileNode, "files")) {
				files.add(entry(path, folder, yaml, item));
			}
		}
		String dataset = yaml.optional(map, "dataset");
		if (dataset != null && !ImportRequest.isSlug(dataset)) {
			throw new ImportException(path, YamlNodes.line(map.get("dataset")),
					"dataset '" + dataset + "' is not a slug (lower-case letters, digits, '-', '_' and '.')");
		}
		return new Manifest(path, dataset, provenance(yaml, map, "title", 500),
				provenance(yaml, map, "description", 10_000), provenance(yaml, map, "source", 2000),
				provenance(yaml, map, "license", 200), provenance(yaml, map, "citation", 2000),
				provenance(yaml, map, "judge", 200), questions, files,
				(map.get("reported") != null) ? ReportedEntries.read(yaml, map.get("reported")) : null);
	}

	private static Entry entry(Path manifest, Path folder, YamlNodes yaml, Node item) throws ImportException {
		Map<String, Node> entry = yaml.mapping(item, "each file");
		for (String key : entry.keySet()) {
			if (!ENTRY_KEYS.contains(key)) {
				throw new ImportException(manifest, YamlNodes.line(entry.get(key)), "unknown key '" + key
						+ "' in a file entry (expected path, model, group, condition, sha256, size, attributes, "
						+ "metrics, allow_incomplete)");
			}
		}
		String written = yaml.required(entry, "path", item, "a file entry");
		String sha256 = yaml.optional(entry, "sha256");
		String size = yaml.optional(entry, "size");
		FileDefaults defaults = new FileDefaults(yaml.optional(entry, "model"), yaml.optional(entry, "group"),
				yaml.optional(entry, "condition"));
		Map<String, String> attributes = attributes(yaml, entry.get("attributes"));
		InspectOptions inspect = inspect(yaml, entry);
		try {
			if (Download.isUrl(written)) {
				Download download = Download.of(written, sha256, size);
				return new Entry(null, download, download.sha256(), download.size(), defaults, attributes, inspect);
			}
			Path file = existing(manifest, folder, written, item);
			return new Entry(file, null, (sha256 != null) ? Download.sha256(sha256, written) : null,
					Download.size(size, written), defaults, attributes, inspect);
		}
		catch (IllegalArgumentException ex) {
			throw new ImportException(manifest, YamlNodes.line(item), ex.getMessage());
		}
	}

	/**
	 * How an entry's Inspect log is read: {@code metrics: {aligned: NAME, coherent:
	 * NAME}} as {@code --metric}, {@code allow_incomplete: true} as
	 * {@code --allow-incomplete}.
	 */
	private static InspectOptions inspect(YamlNodes yaml, Map<String, Node> entry) throws ImportException {
		InspectOptions inspect = InspectOptions.NONE;
		Node metrics = entry.get("metrics");
		if (metrics != null) {
			for (Map.Entry<String, Node> metric : yaml.mapping(metrics, "metrics").entrySet()) {
				long line = YamlNodes.line(metric.getValue());
				if (!metric.getKey().equals("aligned") && !metric.getKey().equals("coherent")) {
					throw new ImportException(yaml.path(), line, "metrics: '" + StoredText.shown(metric.getKey())
							+ "' is not aligned or coherent (each names the log's metric the rule reads as it)");
				}
				String name = yaml.scalar(metric.getValue(), "metrics: " + metric.getKey());
				if (name.isBlank()) {
					throw new ImportException(yaml.path(), line,
							"metrics: " + metric.getKey() + " names no metric of the log");
				}
				inspect = inspect.withMetric(metric.getKey() + "=" + name);
			}
		}
		String allow = yaml.optional(entry, "allow_incomplete");
		if (allow != null) {
			if (!allow.equals("true") && !allow.equals("false")) {
				throw new ImportException(yaml.path(), YamlNodes.line(entry.get("allow_incomplete")),
						"allow_incomplete is true or false, not '" + StoredText.shown(allow) + "'");
			}
			inspect = allow.equals("true") ? inspect.allowingIncomplete() : inspect;
		}
		return inspect;
	}

	/**
	 * The attributes of an entry's model, in the manifest's order; {@code size_b}
	 * (billions of parameters) and {@code lora_rank} are numbers.
	 */
	private static Map<String, String> attributes(YamlNodes yaml, Node node) throws ImportException {
		if (node == null) {
			return Map.of();
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Map.Entry<String, Node> attribute : yaml.mapping(node, "attributes").entrySet()) {
			String key = attribute.getKey();
			long line = YamlNodes.line(attribute.getValue());
			if (!key.matches("[a-z][a-z0-9_]{0,99}")) {
				String shown = (key.length() > 100) ? key.substring(0, 100) + "…" : key;
				throw new ImportException(yaml.path(), line, "attribute '" + shown.replace('\0', '?')
						+ "' is not a name of lower-case letters, digits and '_' (such as family, size_b, fine_tune, lora_rank)");
			}
			if ("tag:yaml.org,2002:null".equals(attribute.getValue().getTag().getValue())) {
				continue;
			}
			String value = StoredText.check(yaml.scalar(attribute.getValue(), "attribute '" + key + "'"), 500,
					"attribute '" + key + "'", yaml.path(), line);
			if ((key.equals("size_b") && !value.matches("[0-9]+(\\.[0-9]+)?"))
					|| (key.equals("lora_rank") && !value.matches("[1-9][0-9]{0,5}"))) {
				throw new ImportException(yaml.path(), line,
						"attribute '" + key + "' is a number, not '" + value + "'");
			}
			attributes.put(key, value);
		}
		return Collections.unmodifiableMap(attributes);
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
		// files to download are not among the uploaded ones
		named.removeIf(Download::isUrl);
		return named;
	}

}
