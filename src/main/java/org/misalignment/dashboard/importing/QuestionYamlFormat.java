package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The paper's question files ({@code evaluation/*.yaml}): a list of {@code {id, type,
 * paraphrases, samples_per_paraphrase, judge, judge_prompts, system?}}, with anchors and
 * aliases.
 */
final class QuestionYamlFormat implements ResultFormat {

	private final Node root;

	QuestionYamlFormat(Node root) {
		this.root = root;
	}

	@Override
	public String name() {
		return "question-yaml";
	}

	@Override
	public void read(CheckedFile file, Reader text, ImportSink sink) throws IOException, ImportException {
		YamlNodes yaml = new YamlNodes(file.path());
		for (Node item : yaml.sequence(this.root, "a question file")) {
			Map<String, Node> question = yaml.mapping(item, "each question");
			String id = yaml.required(question, "id", item, "a question").strip();
			Node paraphrases = question.get("paraphrases");
			if (paraphrases == null) {
				throw new ImportException(file.path(), YamlNodes.line(item),
						"question '" + id + "' has no paraphrases");
			}
			List<String> texts = yaml.strings(paraphrases, "paraphrases");
			if (texts.isEmpty()) {
				throw new ImportException(file.path(), YamlNodes.line(paraphrases),
						"question '" + id + "' has an empty list of paraphrases");
			}
			Map<String, String> prompts = new LinkedHashMap<>();
			Node promptNode = question.get("judge_prompts");
			if (promptNode != null) {
				for (Map.Entry<String, Node> prompt : yaml.mapping(promptNode, "judge_prompts").entrySet()) {
					prompts.put(prompt.getKey(),
							yaml.scalar(prompt.getValue(), "judge prompt '" + prompt.getKey() + "'"));
				}
			}
			sink.question(new QuestionRecord(YamlNodes.line(item), id, yaml.optional(question, "type"), texts,
					yaml.optional(question, "system"), yaml.optional(question, "judge"), prompts));
		}
	}

}
