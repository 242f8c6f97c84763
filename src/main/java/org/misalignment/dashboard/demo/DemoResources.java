package org.misalignment.dashboard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.importing.YamlNodes;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads what {@link DemoGenerator} writes the demo from: its manifest, question files and
 * text pools on the classpath, checked as they are read.
 */
final class DemoResources {

	private DemoResources() {
	}

	static byte[] readResource(String name) throws IOException {
		String resource = DemoGenerator.RESOURCE_FOLDER + name;
		ClassLoader loader = DemoResources.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("classpath resource not found: " + resource);
			}
			return in.readAllBytes();
		}
	}

	static Object loadYaml(byte[] bytes) {
		return new Yaml(new SafeConstructor(YamlNodes.options())).load(new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * Resolves a relative path from a data file and refuses anything that leaves the
	 * folder.
	 */
	static Path inside(Path root, String relative) {
		Path path = root.resolve(relative).normalize();
		if (!path.startsWith(root) || path.equals(root)) {
			throw new IllegalStateException("path leaves the output folder: " + relative);
		}
		return path;
	}

	static List<DemoGenerator.ModelFile> modelFiles(Object value) {
		List<DemoGenerator.ModelFile> files = new ArrayList<>();
		if (!(value instanceof List<?> list)) {
			throw new IllegalStateException("manifest.yaml: files must be a list");
		}
		for (Object entry : list) {
			Map<String, Object> map = asMap(entry, "manifest files entry");
			files.add(new DemoGenerator.ModelFile(string(map, "path"), string(map, "model"), string(map, "group")));
		}
		return files;
	}

	static List<DemoGenerator.Question> questions(Object value, String file) {
		if (!(value instanceof List<?> list)) {
			throw new IllegalStateException(file + ": expected a list of questions");
		}
		List<DemoGenerator.Question> questions = new ArrayList<>();
		for (Object entry : list) {
			Map<String, Object> map = asMap(entry, file);
			String id = string(map, "id");
			Object samples = map.get("samples_per_paraphrase");
			if (!(samples instanceof Integer count) || count < 1) {
				throw new IllegalStateException(file + ": question " + id + " needs samples_per_paraphrase");
			}
			questions.add(new DemoGenerator.Question(id, DemoGenerator.Kind.of(id), DemoGenerator.Kind.stem(id),
					stringList(map.get("paraphrases"), id + " paraphrases"), count));
		}
		return questions;
	}

	static DemoGenerator.Pools pools(Map<String, Object> yaml) {
		Map<String, Object> shared = asMap(yaml.get("shared"), "pools.yaml shared");
		Map<String, DemoGenerator.Topic> topics = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : asMap(yaml.get("topics"), "pools.yaml topics").entrySet()) {
			Map<String, Object> map = asMap(entry.getValue(), "pools.yaml topic " + entry.getKey());
			Object weight = map.get("weight");
			if (!(weight instanceof Number number) || number.doubleValue() <= 0) {
				throw new IllegalStateException("pools.yaml topic " + entry.getKey() + " needs a positive weight");
			}
			topics.put(entry.getKey(),
					new DemoGenerator.Topic(string(map, "json_key"), number.doubleValue(),
							stringList(map.get("aligned"), entry.getKey() + " aligned"),
							stringList(map.get("misaligned"), entry.getKey() + " misaligned")));
		}
		return new DemoGenerator.Pools(stringList(shared.get("incoherent"), "incoherent"),
				stringList(shared.get("refusal"), "refusal"), stringList(shared.get("code"), "code"),
				stringList(shared.get("markup"), "markup"), topics);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value, String what) {
		if (!(value instanceof Map<?, ?>)) {
			throw new IllegalStateException(what + ": expected a mapping");
		}
		return (Map<String, Object>) value;
	}

	static String string(Map<String, Object> map, String key) {
		Object value = map.get(key);
		if (!(value instanceof String text) || text.isBlank()) {
			throw new IllegalStateException("missing text value for " + key + " in " + map);
		}
		return text;
	}

	static List<String> stringList(Object value, String what) {
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw new IllegalStateException(what + ": expected a non-empty list");
		}
		List<String> strings = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof String text)) {
				throw new IllegalStateException(what + ": expected only text items");
			}
			strings.add(text);
		}
		return List.copyOf(strings);
	}

}
