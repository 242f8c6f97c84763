package org.misalignment.dashboard.importing;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML as a node tree, which keeps the line of every value (for error messages) and
 * resolves anchors and aliases ({@code &judge_prompts} / {@code *judge_prompts}) as the
 * paper's question files use them.
 */
public final class YamlNodes {

	private final Path path;

	YamlNodes(Path path) {
		this.path = path;
	}

	/**
	 * The limits of every YAML file the application reads (question files, manifests, the
	 * demo's own): a file of at most 32 MB of text, lists and mappings nested at most 64
	 * deep, at most 1,000 aliases to them ({@code *judge_prompts}), no duplicate keys and
	 * no key that contains itself. Values are read from the node tree, by their expected
	 * shape, never by expanding every alias: a file of aliases to aliases cannot grow
	 * into gigabytes, and one that refers to itself meets a "must be a single value"
	 * error rather than endless recursion.
	 */
	public static LoaderOptions options() {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(1000);
		options.setNestingDepthLimit(64);
		options.setCodePointLimit(32 * 1024 * 1024);
		options.setAllowDuplicateKeys(false);
		options.setAllowRecursiveKeys(false);
		return options;
	}

	static Node compose(Path path, Reader text) throws ImportException {
		try {
			Node root = new Yaml(options()).compose(text);
			if (root == null) {
				throw new ImportException(path, 1, "no YAML content (the file holds only comments or blank lines)");
			}
			return root;
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			long line = (mark != null) ? mark.getLine() + 1 : 1;
			String problem = (ex.getProblem() != null) ? ex.getProblem() : ex.getMessage();
			String context = (ex.getContext() != null) ? " " + ex.getContext() : "";
			throw new ImportException(path, line, "YAML syntax error: " + problem + context);
		}
		catch (YAMLException ex) {
			throw new ImportException(path, 1, "YAML error: " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			// SnakeYAML lets a bad escape such as "\UFFFFFFFF" through as a
			// NumberFormatException
			throw new ImportException(path, 1, "YAML error: " + ex.getMessage());
		}
	}

	Path path() {
		return this.path;
	}

	static long line(Node node) {
		return node.getStartMark().getLine() + 1L;
	}

	Map<String, Node> mapping(Node node, String what) throws ImportException {
		if (!(node instanceof MappingNode mapping)) {
			throw new ImportException(this.path, line(node), what + " must be a mapping (key: value)");
		}
		Map<String, Node> entries = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			String key = scalar(tuple.getKeyNode(), "a key");
			// the composer does not check duplicates, and a silent "last one wins" would
			// hide a mistake
			if (entries.put(key, tuple.getValueNode()) != null) {
				throw new ImportException(this.path, line(tuple.getKeyNode()), "duplicate key '" + key + "'");
			}
		}
		return entries;
	}

	List<Node> sequence(Node node, String what) throws ImportException {
		if (!(node instanceof SequenceNode sequence)) {
			throw new ImportException(this.path, line(node), what + " must be a list");
		}
		return sequence.getValue();
	}

	String scalar(Node node, String what) throws ImportException {
		if (!(node instanceof ScalarNode scalar)) {
			throw new ImportException(this.path, line(node), what + " must be a single value, not a list or mapping");
		}
		return scalar.getValue();
	}

	/** An optional text value: {@code null} when absent or YAML null. */
	String optional(Map<String, Node> map, String key) throws ImportException {
		Node node = map.get(key);
		if (node == null || "tag:yaml.org,2002:null".equals(node.getTag().getValue())) {
			return null;
		}
		return scalar(node, "'" + key + "'");
	}

	String required(Map<String, Node> map, String key, Node owner, String what) throws ImportException {
		String value = optional(map, key);
		if (value == null || value.isBlank()) {
			throw new ImportException(this.path, line(owner), what + " has no '" + key + "'");
		}
		return value;
	}

	List<String> strings(Node node, String what) throws ImportException {
		List<String> values = new ArrayList<>();
		for (Node item : sequence(node, what)) {
			values.add(scalar(item, "each of " + what));
		}
		return values;
	}

}
