package org.misalignment.dashboard.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * One sample of an Inspect log (one question asked in one epoch), read field by field
 * from a parser standing on its opening brace: only the fields an answer needs are kept,
 * the rest (events, messages, store…) are skipped without being held in memory.
 */
record InspectSample(JsonNode id, JsonNode input, JsonNode output, JsonNode scores, JsonNode score, JsonNode metadata,
		JsonNode error, JsonNode attachments) {

	/** The fields kept, in the order of the record's components. */
	private static final List<String> KEPT = List.of("id", "input", "output", "scores", "score", "metadata", "error",
			"attachments");

	private static final String ATTACHMENT = "attachment://";

	/**
	 * Where a sample sits, for error messages and its answer's source: a line of a file,
	 * or an entry of a ZIP ({@code entry} its name, {@code location} {@code PATH!ENTRY}).
	 */
	record Place(String location, long line, String entry) {

		Place(String location, long line) {
			this(location, line, null);
		}

		ImportException problem(String text) {
			return (this.line > 0) ? new ImportException(this.location, this.line, text)
					: new ImportException(this.location, text);
		}

	}

	/** An answer, or the reason the sample gives none. */
	record Read(AnswerRecord answer, String skipped) {
	}

	static InspectSample read(JsonParser parser, Place place) throws ImportException {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			throw place.problem("a sample must be a JSON object");
		}
		JsonNode[] kept = new JsonNode[KEPT.size()];
		String name;
		while ((name = parser.nextName()) != null) {
			parser.nextToken();
			int index = KEPT.indexOf(name);
			if (index >= 0) {
				kept[index] = parser.readValueAsTree();
			}
			else {
				parser.skipChildren();
			}
		}
		return new InspectSample(kept[0], kept[1], kept[2], kept[3], kept[4], kept[5], kept[6], kept[7]);
	}

	/** The model its output names, or null. */
	String outputModel() {
		return text(field(this.output, "model"));
	}

	/** This sample as an answer of {@code model} (null: the import's). */
	Read answer(long line, String model, Place place) throws ImportException {
		if (this.id == null || !(this.id.isString() || this.id.isIntegralNumber())) {
			throw place.problem("a sample needs an \"id\" (a string or an integer)");
		}
		if (this.error != null && !this.error.isNull()) {
			return new Read(null, "Inspect samples that ended in an error (not imported)");
		}
		String answer = answerText();
		if (answer == null) {
			return new Read(null, "Inspect samples with no output (not imported)");
		}
		String questionId = text(field(this.metadata, "question_id"));
		if (questionId == null || questionId.isBlank()) {
			questionId = text(this.id);
		}
		String question;
		String system = null;
		if (this.input == null || this.input.isNull()) {
			question = null;
		}
		else if (this.input.isString()) {
			question = resolve(this.input.asString());
		}
		else if (this.input.isArray()) {
			question = null;
			for (JsonNode message : this.input) {
				String role = text(field(message, "role"));
				if ("user".equals(role)) {
					question = content(field(message, "content"));
				}
				else if ("system".equals(role) && system == null) {
					system = content(field(message, "content"));
				}
			}
		}
		else {
			throw place.problem("a sample's \"input\" must be a string or a list of messages");
		}
		JsonNode condition = field(this.metadata, "condition");
		return new Read(new AnswerRecord(line, model, null, questionId, question, system,
				(condition != null && condition.isString()) ? condition.asString() : null, answer,
				InspectScores.of(this.scores, this.score), Map.of(), InspectScores.grades(this.scores, this.score),
				place.entry()), null);
	}

	/**
	 * The first choice's message content (its text parts, without reasoning), else the
	 * output's completion; null when there is no output.
	 */
	private String answerText() {
		if (this.output == null || !this.output.isObject()) {
			return null;
		}
		JsonNode choices = this.output.get("choices");
		if (choices != null && choices.isArray() && !choices.isEmpty()) {
			String text = content(
					field(choices.get(0), "message") != null ? choices.get(0).get("message").get("content") : null);
			if (text != null) {
				return text;
			}
		}
		JsonNode completion = this.output.get("completion");
		if (completion != null && completion.isString() && !completion.asString().isEmpty()) {
			return resolve(completion.asString());
		}
		return null;
	}

	/** A message's content: a string, or the {@code text} parts of a list, joined. */
	private String content(JsonNode content) {
		if (content == null || content.isNull()) {
			return null;
		}
		if (content.isString()) {
			return resolve(content.asString());
		}
		if (!content.isArray()) {
			return null;
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode part : content) {
			if ("text".equals(text(field(part, "type"))) && field(part, "text") != null) {
				texts.add(resolve(part.get("text").asString()));
			}
		}
		return texts.isEmpty() ? null : String.join("\n", texts);
	}

	/**
	 * Text Inspect moved to the sample's attachments, put back: {@code attachment://KEY}
	 * names an entry of the attachments (by content hash in log versions 1 and 2, by
	 * position in a version 3 chunked sample, see {@link ChunkedSample}). An unknown key
	 * stays as written, as Inspect leaves it.
	 */
	private String resolve(String text) {
		if (text.startsWith(ATTACHMENT) && this.attachments != null && this.attachments.isObject()) {
			JsonNode attached = this.attachments.get(text.substring(ATTACHMENT.length()));
			if (attached != null && attached.isString()) {
				return attached.asString();
			}
		}
		return text;
	}

	private static JsonNode field(JsonNode node, String name) {
		return (node != null && node.isObject()) ? node.get(name) : null;
	}

	private static String text(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		return (node.isString() || node.isNumber()) ? node.asString() : null;
	}

}
