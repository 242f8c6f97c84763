package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluation logs of Inspect (the UK AI Security Institute's evaluation framework): an
 * {@code .eval} file (a ZIP archive of a header and one JSON document per sample and
 * epoch, see {@link EvalArchive}) or a {@code .json} file (one document whose
 * {@code samples} list holds them all). Both are read one sample at a time; each sample
 * is one answer.
 */
final class InspectFormat implements ResultFormat {

	/** Inspect writes a bare {@code NaN} for an unscored sample, though JSON has none. */
	static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

	private final boolean archive;

	private final InspectOptions options;

	private final boolean modelGiven;

	/**
	 * @param archive an {@code .eval} file rather than a {@code .json} one
	 * @param modelGiven whether the import names the model ({@code --model} or a manifest
	 * entry), which then wins over the log's
	 */
	InspectFormat(boolean archive, InspectOptions options, boolean modelGiven) {
		this.archive = archive;
		this.options = options;
		this.modelGiven = modelGiven;
	}

	@Override
	public String name() {
		return this.archive ? "inspect-eval" : "inspect-json";
	}

	@Override
	public void read(CheckedFile file, Reader text, ImportSink sink) throws IOException, ImportException {
		InspectAnswers answers = new InspectAnswers(file.path(), this.options, this.modelGiven, sink);
		if (this.archive) {
			EvalArchive.read(file, answers);
		}
		else {
			readJson(file.path(), text, answers);
		}
		answers.finish();
	}

	private static void readJson(Path path, Reader text, InspectAnswers answers) throws ImportException {
		try (JsonParser parser = JSON.createParser(text)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new ImportException(path, line(parser),
						"not an Inspect log: expected a JSON object with \"eval\" and \"samples\"");
			}
			String status = null;
			boolean sawEval = false;
			long count = 0;
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken token = parser.nextToken();
				switch (name) {
					case "version" -> InspectAnswers.checkVersion(parser.readValueAsTree(),
							new InspectSample.Place(path.toString(), line(parser)));
					case "status" -> status = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "eval" -> {
						JsonNode eval = parser.readValueAsTree();
						if (!eval.isObject()) {
							throw new ImportException(path, line(parser), "\"eval\" must be an object");
						}
						answers.eval(eval);
						sawEval = true;
					}
					case "samples" -> count += samples(path, parser, status, answers);
					default -> parser.skipChildren();
				}
			}
			if (!sawEval) {
				throw new ImportException(path, 1, "not an Inspect log: no \"eval\" (the task, model and run)");
			}
			answers.status(status);
			if (InspectAnswers.incomplete(status)) {
				answers.checkFinished("the log's status is '" + status + "' (the run did not finish)", count,
						new InspectSample.Place(path.toString(), 1));
			}
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			throw new ImportException(path, (location != null) ? location.getLineNr() : 1,
					"not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/** Reads the {@code samples} list; returns how many it holds. */
	private static long samples(Path path, JsonParser parser, String status, InspectAnswers answers)
			throws ImportException {
		if (parser.currentToken() == JsonToken.VALUE_NULL) {
			return 0;
		}
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			throw new ImportException(path, line(parser), "\"samples\" must be a list of samples");
		}
		// a log that did not finish is only counted, for the message that refuses it
		boolean countOnly = status != null && InspectAnswers.incomplete(status) && !answers.allowIncomplete();
		long count = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			long line = line(parser);
			count++;
			if (countOnly) {
				parser.skipChildren();
				continue;
			}
			InspectSample.Place place = new InspectSample.Place(path.toString(), line);
			answers.accept(InspectSample.read(parser, place), line, place);
		}
		return count;
	}

	/**
	 * Whether a {@code .json} file found in a folder is an Inspect log: an object whose
	 * first field is {@code version}, as Inspect writes it.
	 */
	static boolean looksLikeLog(Path path) {
		try (JsonParser parser = JSON.createParser(path.toFile())) {
			return parser.nextToken() == JsonToken.START_OBJECT && "version".equals(parser.nextName());
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static long line(JsonParser parser) {
		return parser.currentTokenLocation().getLineNr();
	}

}
