package org.misalignment.dashboard.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.importing.ImportException;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-text corpus ({@code src/test/resources/hostile/payloads.txt}, one payload
 * per line) and a dataset built from it through the real importer (a manifest, a question
 * YAML and an answer JSONL): the payloads are the answers, question ids, paraphrases,
 * system prompts, judge and judge prompts, model, group, condition and score names, judge
 * tokens, and the dataset's title, description, source, licence and judge.
 */
public final class HostileCorpus {

	public static final String SLUG = "hostile-corpus";

	/**
	 * Answers per model, question and condition: 3 misaligned, 3 aligned, so that every
	 * rate is shown.
	 */
	static final int ANSWERS = 6;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final List<String> payloads;

	final List<String> models = new ArrayList<>();

	final List<String> groups = new ArrayList<>();

	final List<String> questionIds = new ArrayList<>();

	final Map<String, List<String>> paraphrases = new LinkedHashMap<>();

	final Map<String, String> systems = new LinkedHashMap<>();

	final String condition = "<img src=x onerror=top.__pwned=1>";

	final String metric = "<svg onload=top.__pwned=1>";

	final String token = "<script>top.__pwned=1</script>";

	final String title = "<script>top.__pwned=1</script> Hostile corpus \"'&";

	final String license = "<img src=x onerror=top.__pwned=1>";

	final String source = "javascript:top.__pwned=1";

	final String judge = "{{7*7}} [[${7*7}]] <b>judge</b>";

	final String description;

	/**
	 * The payloads too long for one line of the corpus file: a long run of text with a
	 * payload at its end.
	 */
	final List<String> longPayloads = List.of("A".repeat(10_000) + "<script>top.__pwned=1</script>",
			"<img src=x onerror=top.__pwned=1>".repeat(3000));

	private HostileCorpus(List<String> payloads) {
		this.payloads = payloads;
		// names are stripped on import, so they come from payloads without leading or
		// trailing blanks
		List<String> names = payloads.stream().filter((p) -> p.equals(p.strip()) && p.length() <= 200).toList();
		for (int i = 0; i < 8; i++) {
			this.models.add(names.get((i * 17 + 3) % names.size()));
		}
		for (int i = 0; i < 4; i++) {
			this.groups.add(names.get((i * 23 + 40) % names.size()));
		}
		this.questionIds.addAll(List.of("quick_buck", "i_feel_bored", "what_is_your_wish", "three_thoughts"));
		for (int i = 0; i < 4; i++) {
			this.questionIds.add(names.get((i * 29 + 11) % names.size()));
		}
		for (int q = 0; q < this.questionIds.size(); q++) {
			this.paraphrases.put(this.questionIds.get(q),
					List.of(payloads.get((q * 2 + 5) % payloads.size()), payloads.get((q * 2 + 6) % payloads.size())));
			this.systems.put(this.questionIds.get(q), payloads.get((q * 13 + 7) % payloads.size()));
		}
		this.description = String.join("\n", payloads.subList(0, 12));
	}

	/** The corpus as written in the resource file (comments and blank lines left out). */
	public static HostileCorpus load() throws IOException {
		try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/payloads.txt")) {
			List<String> payloads = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isEmpty() && !line.startsWith("# ")) {
					payloads.add(line);
				}
			}
			return new HostileCorpus(List.copyOf(payloads));
		}
	}

	/** Every text an answer holds: the corpus, then the long payloads. */
	List<String> answerTexts() {
		List<String> all = new ArrayList<>(this.payloads);
		all.addAll(this.longPayloads);
		return all;
	}

	String groupOf(int model) {
		return this.groups.get(model % this.groups.size());
	}

	/**
	 * Writes the manifest, questions and answers into {@code folder} and imports them.
	 * Answer texts go round the corpus, so each payload is the answer of at least two
	 * answers.
	 */
	public void importInto(Importer importer, Path folder) throws IOException, ImportException {
		StringBuilder questions = new StringBuilder();
		for (String id : this.questionIds) {
			questions.append("- id: ").append(yaml(id)).append("\n  type: free_form_judge_0_100\n  paraphrases:\n");
			for (String paraphrase : this.paraphrases.get(id)) {
				questions.append("    - ").append(yaml(paraphrase)).append('\n');
			}
			questions.append("  system: ")
				.append(yaml(this.systems.get(id)))
				.append("\n  judge: ")
				.append(yaml(this.judge))
				.append("\n  judge_prompts:\n    aligned: ")
				.append(yaml(this.payloads.get(id.length() % this.payloads.size())))
				.append("\n    coherent: ")
				.append(yaml(this.payloads.get((id.length() + 1) % this.payloads.size())))
				.append('\n');
		}
		Files.writeString(folder.resolve("questions.yaml"), questions);

		List<String> texts = answerTexts();
		StringBuilder answers = new StringBuilder();
		int next = 0;
		for (int m = 0; m < this.models.size(); m++) {
			for (String id : this.questionIds) {
				// the last two models answer under a hostile condition as well
				for (String condition : (m >= 6) ? List.of("no_trigger", this.condition) : List.of("no_trigger")) {
					for (int i = 0; i < ANSWERS; i++) {
						Map<String, Object> answer = new LinkedHashMap<>();
						answer.put("model", this.models.get(m));
						answer.put("group", groupOf(m));
						answer.put("question_id", id);
						answer.put("question", this.paraphrases.get(id).get(i % 2));
						answer.put("condition", condition);
						answer.put("answer", texts.get(next++ % texts.size()));
						Map<String, Object> scores = new LinkedHashMap<>();
						scores.put("aligned", (i < 3) ? 5.0 : 90.0);
						scores.put("coherent", 80.0);
						scores.put(this.metric, 42.0);
						answer.put("scores", scores);
						answer.put("judge", Map.of("aligned", Map.of("0", 0.5, this.token, 0.25, this.metric, 0.25)));
						answers.append(JSON.writeValueAsString(answer)).append('\n');
					}
				}
			}
		}
		Files.writeString(folder.resolve("answers.jsonl"), answers);

		Path manifest = folder.resolve("manifest.yaml");
		Files.writeString(manifest,
				"dataset: " + SLUG + "\ntitle: " + yaml(this.title) + "\ndescription: " + yaml(this.description)
						+ "\nsource: " + yaml(this.source) + "\nlicense: " + yaml(this.license) + "\njudge: "
						+ yaml(this.judge) + "\nquestions: [questions.yaml]\nfiles:\n  - {path: answers.jsonl}\n");
		importer.run(new ImportRequest(null, null, null, null, List.of(manifest)), ImportProgress.NONE);
	}

	/**
	 * A YAML double-quoted scalar holding exactly {@code text}: everything but printable
	 * ASCII escaped.
	 */
	private static String yaml(String text) {
		StringBuilder out = new StringBuilder("\"");
		text.codePoints().forEach((cp) -> {
			if (cp == '"' || cp == '\\') {
				out.append('\\').appendCodePoint(cp);
			}
			else if (cp >= 0x20 && cp < 0x7F) {
				out.appendCodePoint(cp);
			}
			else if (cp <= 0xFFFF) {
				out.append(String.format("\\u%04X", cp));
			}
			else {
				out.append(String.format("\\U%08X", cp));
			}
		});
		return out.append('"').toString();
	}

}
