package org.misalignment.dashboard.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This project's own answer format, one JSON object per line:
 * {@code {"model", "group", "question_id", "question"?, "paraphrase"?, "system"?,
 * "condition"?, "answer", "scores": {...}, "judge"?: {...}, "attributes"?: {...}}}; the
 * attributes (numbers or text by name, such as {@code {"lora_rank": 4}}) are the line's
 * model's.
 */
final class JsonlFormat implements ResultFormat {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String name() {
		return "jsonl";
	}

	@Override
	public void read(CheckedFile file, Reader text, ImportSink sink) throws IOException, ImportException {
		BufferedReader lines = new BufferedReader(text, 1 << 16);
		String line;
		long number = 0;
		while ((line = lines.readLine()) != null) {
			number++;
			if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
				line = line.substring(1);
			}
			if (line.isBlank()) {
				continue;
			}
			sink.answer(record(file.path(), number, line));
		}
	}

	private static AnswerRecord record(Path path, long line, String text) throws ImportException {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new ImportException(path, line, "not valid JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw new ImportException(path, line, "expected a JSON object on each line");
		}
		String questionId = text(path, line, node, "question_id", true);
		if (questionId.isBlank()) {
			throw new ImportException(path, line, "empty question_id");
		}
		String answer = text(path, line, node, "answer", true);
		String question = text(path, line, node, "paraphrase", false);
		if (question == null) {
			question = text(path, line, node, "question", false);
		}
		Map<String, Double> scores = new LinkedHashMap<>();
		JsonNode scoreNode = node.get("scores");
		if (scoreNode != null && !scoreNode.isNull()) {
			if (!scoreNode.isObject()) {
				throw new ImportException(path, line, "\"scores\" must be an object of metric to number or null");
			}
			for (Map.Entry<String, JsonNode> entry : scoreNode.properties()) {
				JsonNode value = entry.getValue();
				if (value.isNull()) {
					scores.put(entry.getKey(), null);
				}
				else if (value.isNumber()) {
					scores.put(entry.getKey(), ScoreCells.check(value.doubleValue(), entry.getKey(), path, line));
				}
				else {
					throw new ImportException(path, line, "score '" + entry.getKey() + "' is not a number: "
							+ ScoreCells.abbreviate(value.toString()));
				}
			}
		}
		Map<String, String> judge = new LinkedHashMap<>();
		JsonNode judgeNode = node.get("judge");
		if (judgeNode != null && !judgeNode.isNull()) {
			if (!judgeNode.isObject()) {
				throw new ImportException(path, line, "\"judge\" must be an object of metric to token probabilities");
			}
			for (Map.Entry<String, JsonNode> entry : judgeNode.properties()) {
				JsonNode tokens = entry.getValue();
				if (tokens.isNull()) {
					continue;
				}
				if (!tokens.isObject()) {
					throw new ImportException(path, line,
							"judge '" + entry.getKey() + "' must be an object of token to probability");
				}
				for (Map.Entry<String, JsonNode> token : tokens.properties()) {
					if (!token.getValue().isNumber() && !token.getValue().isNull()) {
						throw new ImportException(path, line, "judge '" + entry.getKey() + "' token '"
								+ ScoreCells.abbreviate(token.getKey()) + "' has a probability that is not a number");
					}
				}
				judge.put(entry.getKey(), JSON.writeValueAsString(tokens));
			}
		}
		return new AnswerRecord(line, text(path, line, node, "model", false), text(path, line, node, "group", false),
				questionId, question, text(path, line, node, "system", false),
				text(path, line, node, "condition", false), answer, scores, judge, Map.of(), null,
				attributes(path, line, node.get("attributes")));
	}

	/** A line's {@code attributes}: names as a manifest's, values numbers or text. */
	private static Map<String, String> attributes(Path path, long line, JsonNode node) throws ImportException {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new ImportException(path, line, "\"attributes\" must be an object of name to number or text");
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String name = entry.getKey();
			if (!name.matches("[a-z][a-z0-9_]{0,99}")) {
				throw new ImportException(path, line, "attribute '" + ScoreCells.abbreviate(name)
						+ "' is not a name of lower-case letters, digits and '_' (such as family, size_b, lora_rank)");
			}
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				continue;
			}
			if (!value.isNumber() && !value.isString()) {
				throw new ImportException(path, line, "attribute '" + name + "' must be a number or text");
			}
			String text = value.isNumber() ? value.numberValue().toString() : value.asString();
			attributes.put(name, StoredText.check(text, 500, "attribute '" + name + "'", path, line));
		}
		return attributes;
	}

	private static String text(Path path, long line, JsonNode node, String field, boolean required)
			throws ImportException {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new ImportException(path, line, "missing \"" + field + "\"");
			}
			return null;
		}
		if (!value.isString()) {
			throw new ImportException(path, line, "\"" + field + "\" must be a string");
		}
		return value.asString();
	}

}
