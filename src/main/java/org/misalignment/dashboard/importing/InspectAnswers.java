package org.misalignment.dashboard.importing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.misalignment.dashboard.store.imports.DatasetRows;
import tools.jackson.databind.JsonNode;

/**
 * Turns the samples of one Inspect log into answers for the import's sink: the model
 * named by the log (or by each sample's output when the log says {@code none/none}),
 * unless the import names one; the metrics renamed as {@code --metric} asks; samples
 * without an output or with an error counted as skipped.
 */
final class InspectAnswers {

	private final Path path;

	private final InspectOptions options;

	private final boolean modelGiven;

	private final ImportSink sink;

	private final Set<String> mappedFound = new LinkedHashSet<>();

	private final Set<String> metricsSeen = new LinkedHashSet<>();

	private String logModel;

	private JsonNode eval;

	private String status;

	private long samples;

	InspectAnswers(Path path, InspectOptions options, boolean modelGiven, ImportSink sink) {
		this.path = path;
		this.options = options;
		this.modelGiven = modelGiven;
		this.sink = sink;
	}

	/**
	 * The newest log format read: version 1 (one {@code score} per sample), 2
	 * ({@code scores} by scorer) and 3 (an {@code .eval} whose samples may be chunked,
	 * see {@link ChunkedSample}).
	 */
	static final int NEWEST_VERSION = 3;

	/**
	 * Refuses a log written in a format newer than {@link #NEWEST_VERSION}, which could
	 * be misread; a log without a version is read as the oldest.
	 */
	static void checkVersion(JsonNode version, InspectSample.Place place) throws ImportException {
		if (version == null || version.isNull()) {
			return;
		}
		if (!version.isIntegralNumber()) {
			throw place.problem("the log's \"version\" must be a whole number, not " + shown(version));
		}
		if (version.asLong() < 1 || version.asLong() > NEWEST_VERSION) {
			throw place.problem("the log is in Inspect's log format version " + version.asString()
					+ "; this importer reads versions 1 to " + NEWEST_VERSION
					+ " (a newer format could be misread, so the file is refused)");
		}
	}

	private static String shown(JsonNode node) {
		String text = node.toString();
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

	/** Whether a log with this status did not finish; a missing status means so too. */
	static boolean incomplete(String status) {
		return !"success".equals(status);
	}

	/** The log's {@code eval}: the task, the model, the run. */
	void eval(JsonNode eval) {
		this.eval = eval;
		JsonNode model = (eval != null && eval.isObject()) ? eval.get("model") : null;
		this.logModel = (model != null && model.isString() && !model.asString().isBlank()
				&& !model.asString().equals("none/none")) ? model.asString() : null;
	}

	/** The log's status, as its header says ({@code started} when it has none). */
	void status(String status) {
		this.status = status;
	}

	/** How much of the log's file was read: for an {@code .eval}, its entries so far. */
	void read(long bytes, long fileSize) {
		this.sink.read(bytes, fileSize);
	}

	boolean allowIncomplete() {
		return this.options.allowIncomplete();
	}

	/** Refuses a log that did not finish, unless the import allows it. */
	void checkFinished(String why, long count, InspectSample.Place place) throws ImportException {
		if (!this.options.allowIncomplete()) {
			throw place.problem(why + " and holds " + String.format("%,d", count) + " sample"
					+ ((count == 1) ? "" : "s") + "; import it anyway with --allow-incomplete");
		}
	}

	void accept(InspectSample sample, long line, InspectSample.Place place) throws ImportException {
		this.samples++;
		String model = null;
		if (!this.modelGiven) {
			model = (this.logModel != null) ? this.logModel : sample.outputModel();
		}
		InspectSample.Read read = sample.answer(line, model, place);
		if (read.answer() == null) {
			this.sink.skipped(read.skipped());
			return;
		}
		AnswerRecord answer = read.answer();
		this.metricsSeen.addAll(answer.scores().keySet());
		List<String> found = new ArrayList<>();
		Map<String, String> renames = InspectScores.renames(answer.scores(), this.options, found);
		this.mappedFound.addAll(found);
		AnswerRecord mapped = new AnswerRecord(answer.line(), answer.model(), answer.group(), answer.questionId(),
				answer.question(), answer.system(), answer.condition(), answer.answer(),
				InspectScores.renamed(answer.scores(), renames), answer.judgeTokens(),
				InspectScores.renamed(answer.grades(), renames), answer.entry(), answer.attributes());
		// the store names the file and a line; in a ZIP, name the entry instead
		this.sink.answer(mapped, (ex) -> (place.line() > 0) ? ex : place.problem(ex.problem()));
	}

	/**
	 * Checks, after the last sample, that every {@code --metric} named a metric the log
	 * has.
	 */
	void finish() throws ImportException {
		JsonNode packages = field(this.eval, "packages");
		this.sink.describeFile(new DatasetRows.LogFacts(text(field(this.eval, "task")),
				text(field(packages, "inspect_ai")), this.status, text(field(this.eval, "eval_id"))));
		for (Map.Entry<String, String> mapping : this.options.metrics().entrySet()) {
			if (this.samples > 0 && !this.mappedFound.contains(mapping.getValue())) {
				throw new ImportException(this.path, 1,
						"--metric " + mapping.getKey() + "=" + mapping.getValue() + ": no sample has a metric '"
								+ mapping.getValue() + "' (the log's metrics: "
								+ (this.metricsSeen.isEmpty() ? "none" : String.join(", ", this.metricsSeen)) + ")");
			}
		}
	}

	private static JsonNode field(JsonNode node, String name) {
		return (node != null && node.isObject()) ? node.get(name) : null;
	}

	private static String text(JsonNode node) {
		return (node != null && (node.isString() || node.isNumber())) ? node.asString() : null;
	}

}
