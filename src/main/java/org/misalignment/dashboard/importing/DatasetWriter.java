package org.misalignment.dashboard.importing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.misalignment.dashboard.store.imports.DatasetRows;
import org.misalignment.dashboard.store.imports.StoreException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks and writes one import into one dataset, through the store's {@link DatasetRows}
 * of the import's transaction, which the caller commits or rolls back. Models and
 * questions are looked up once and kept, so memory grows with the number of models and
 * questions, never with the number of answers.
 */
final class DatasetWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatasetRows rows;

	private final Map<String, ModelRow> models = new HashMap<>();

	private final Map<String, QuestionRow> questions = new HashMap<>();

	private long answers;

	private int modelsAdded;

	private int questionsAdded;

	private final Map<String, Integer> skipped = new LinkedHashMap<>();

	DatasetWriter(DatasetRows rows) {
		this.rows = rows;
	}

	long answers() {
		return this.answers;
	}

	int modelsAdded() {
		return this.modelsAdded;
	}

	int questionsAdded() {
		return this.questionsAdded;
	}

	Map<String, Integer> skipped() {
		return this.skipped;
	}

	void skip(String reason) {
		this.skipped.merge(reason, 1, Integer::sum);
	}

	/** Whether a file with this identity is already part of the dataset. */
	boolean hasFile(String importKey) {
		return this.rows.hasFile(importKey);
	}

	/**
	 * Adds a file to the dataset, named by its path or the URL it was downloaded from.
	 */
	long addFile(String source, String format, String sha256, String importKey) {
		return this.rows.addFile(source, format, sha256, importKey);
	}

	void finishFile(long fileId, long fileAnswers) {
		this.rows.finishFile(fileId, fileAnswers);
	}

	/**
	 * A sink for one file's records, filling in what the file leaves out from
	 * {@code defaults}.
	 */
	ImportSink sink(Path path, long fileId, FileDefaults defaults) {
		return new FileSink(path, fileId, defaults);
	}

	/**
	 * Writes what is still batched and the paraphrases questions gained; call before
	 * committing.
	 */
	void finish() {
		Map<Long, List<String>> paraphrases = new LinkedHashMap<>();
		for (QuestionRow question : this.questions.values()) {
			if (question.changed) {
				paraphrases.put(question.id, question.paraphrases);
				question.changed = false;
			}
		}
		this.rows.finish(paraphrases);
	}

	private final class FileSink implements ImportSink {

		private final Path path;

		private final long fileId;

		private final FileDefaults defaults;

		private final String defaultModel;

		/**
		 * The models seen in this file (their file's attributes written), with the
		 * attributes its lines gave them.
		 */
		private final Map<Long, Map<String, String>> attributed = new HashMap<>();

		FileSink(Path path, long fileId, FileDefaults defaults) {
			this.path = path;
			this.fileId = fileId;
			this.defaults = defaults;
			String name = path.getFileName().toString();
			int dot = name.lastIndexOf('.');
			this.defaultModel = (dot > 0) ? name.substring(0, dot) : name;
		}

		@Override
		public void answer(AnswerRecord record) throws ImportException {
			try {
				write(record);
			}
			catch (StoreException ex) {
				throw new ImportException(this.path, record.line(), "could not store this answer: " + ex.getMessage());
			}
		}

		private void write(AnswerRecord record) throws ImportException {
			String modelName = firstNonBlank(record.model(), this.defaults.model(), this.defaultModel);
			Conditions.Resolved resolved = Conditions.resolve(firstNonBlank(record.group(), this.defaults.group()),
					firstNonBlank(record.condition(), this.defaults.condition()), record.questionId(),
					record.question());
			long line = record.line();
			StoredText.check(record.answer(), 1_000_000, "the answer", this.path, line);
			StoredText.check(modelName, 500, "the model name", this.path, line);
			StoredText.check(resolved.group(), 200, "the group name", this.path, line);
			StoredText.check(resolved.condition(), 100, "the condition", this.path, line);
			StoredText.check(record.system(), 100_000, "the system prompt", this.path, line);
			StoredText.check(record.entry(), 500, "the archive entry's name", this.path, line);
			for (Map.Entry<String, Double> metric : record.scores().entrySet()) {
				StoredText.check(metric.getKey(), 100, "a score's name", this.path, line);
				StoredText.check(record.judgeTokens().get(metric.getKey()), 100_000,
						"the judge's tokens for '" + ScoreCells.abbreviate(metric.getKey()) + "'", this.path, line);
			}
			long model = model(modelName, resolved.group(), line, record.attributes());
			QuestionRow question = DatasetWriter.this.question(resolved.questionId(), record.system(), null, this.path,
					line);
			int paraphrase = question.paraphrase(resolved.question(), this.path, line);
			String system = record.system();
			DatasetWriter.this.rows
				.add(new DatasetRows.Answer(model, question.id, this.fileId, record.line(), paraphrase,
						(system == null || system.equals(question.system)) ? null : system, resolved.condition(),
						record.answer(), record.scores(), record.judgeTokens(), record.grades(), record.entry()));
			DatasetWriter.this.answers++;
		}

		@Override
		public void question(QuestionRecord record) throws ImportException {
			try {
				defineQuestion(record, this.path);
			}
			catch (StoreException ex) {
				throw new ImportException(this.path, record.line(),
						"could not store this question: " + ex.getMessage());
			}
		}

		@Override
		public void skipped(String reason) {
			skip(reason);
		}

		@Override
		public void describeFile(DatasetRows.LogFacts facts) {
			DatasetWriter.this.rows.describeFile(this.fileId, facts);
		}

		private long model(String name, String group, long line, Map<String, String> own) throws ImportException {
			ModelRow known = DatasetWriter.this.models.get(name);
			if (known == null) {
				known = findOrAddModel(name, group);
				DatasetWriter.this.models.put(name, known);
			}
			Map<String, String> fromLines = this.attributed.get(known.id);
			if (fromLines == null) {
				// the line's own attributes over the file's
				fromLines = new HashMap<>(own);
				this.attributed.put(known.id, fromLines);
				Map<String, String> attributes = new LinkedHashMap<>(this.defaults.attributes());
				attributes.putAll(own);
				if (!attributes.isEmpty()) {
					DatasetWriter.this.rows.setModelAttributes(known.id, attributes);
				}
			}
			else if (!own.isEmpty() && !fromLines.entrySet().containsAll(own.entrySet())) {
				for (Map.Entry<String, String> attribute : own.entrySet()) {
					String before = fromLines.get(attribute.getKey());
					if (before != null && !before.equals(attribute.getValue())) {
						throw new ImportException(this.path, line,
								"model '" + name + "' has attribute " + attribute.getKey() + " = " + before
										+ " on an earlier line; this line says " + attribute.getValue());
					}
				}
				fromLines.putAll(own);
				DatasetWriter.this.rows.setModelAttributes(known.id, own);
			}
			if (!known.group.equals(group)) {
				throw new ImportException(this.path, line, "model '" + name + "' is in group '" + known.group
						+ "' already; this answer puts it in group '" + group + "'");
			}
			return known.id;
		}

	}

	private ModelRow findOrAddModel(String name, String group) {
		DatasetRows.StoredModel stored = this.rows.findModel(name).orElse(null);
		if (stored != null) {
			return new ModelRow(stored.id(), stored.group());
		}
		long id = this.rows.addModel(name, group);
		this.modelsAdded++;
		return new ModelRow(id, group);
	}

	private void defineQuestion(QuestionRecord record, Path file) throws ImportException {
		long line = record.line();
		StoredText.check(record.type(), 100, "the question's type", file, line);
		StoredText.check(record.judge(), 200, "the question's judge", file, line);
		StoredText.check(record.system(), 100_000, "the system prompt", file, line);
		String prompts = record.judgePrompts().isEmpty() ? null : JSON.writeValueAsString(record.judgePrompts());
		StoredText.check(prompts, 1_000_000, "the judge prompts together", file, line);
		QuestionRow question = question(record.id(), null, file.getFileName().toString(), file, line);
		for (String paraphrase : record.paraphrases()) {
			question.paraphrase(paraphrase, file, line);
		}
		QuestionIds.Described described = QuestionIds.describe(record.id(), file.getFileName().toString());
		this.rows.defineQuestion(question.id, new DatasetRows.QuestionDefinition(described.stem(), described.variant(),
				described.category(), record.type(), record.judge(), record.system(), prompts));
		question.system = record.system();
	}

	private QuestionRow question(String id, String system, String fileName, Path path, long line)
			throws ImportException {
		QuestionRow known = this.questions.get(id);
		if (known != null) {
			return known;
		}
		StoredText.check(id, 300, "the question id", path, line);
		DatasetRows.StoredQuestion stored = this.rows.findQuestion(id).orElse(null);
		if (stored != null) {
			known = new QuestionRow(stored.id(), stored.paraphrases(), stored.system());
		}
		if (known == null) {
			QuestionIds.Described described = QuestionIds.describe(id, fileName);
			StoredText.check(described.category(), 200, "the category this question id names", path, line);
			known = new QuestionRow(
					this.rows.addQuestion(id, described.stem(), described.variant(), described.category(), system),
					new ArrayList<>(), system);
			this.questionsAdded++;
		}
		this.questions.put(id, known);
		return known;
	}

	private static String firstNonBlank(String... texts) {
		for (String text : texts) {
			if (text != null && !text.isBlank()) {
				return text;
			}
		}
		return null;
	}

	private record ModelRow(long id, String group) {
	}

	private static final class QuestionRow {

		final long id;

		final List<String> paraphrases;

		final Map<String, Integer> positions = new HashMap<>();

		String system;

		boolean changed;

		long storedLength; // of the paraphrases as JSON

		QuestionRow(long id, List<String> paraphrases, String system) {
			this.id = id;
			this.paraphrases = new ArrayList<>(paraphrases);
			this.system = system;
			this.storedLength = JSON.writeValueAsString(paraphrases).length();
			for (int i = 0; i < this.paraphrases.size(); i++) {
				this.positions.putIfAbsent(this.paraphrases.get(i), i);
			}
		}

		/**
		 * The position of this paraphrase, added when new; -1 when unknown and the
		 * question has several.
		 */
		int paraphrase(String text, Path path, long line) throws ImportException {
			if (text == null) {
				return (this.paraphrases.size() == 1) ? 0 : -1;
			}
			Integer position = this.positions.get(text);
			if (position == null) {
				StoredText.check(text, 100_000, "the question text", path, line);
				// the paraphrases are stored together as one JSON array, in a column of
				// 1,000,000 characters
				this.storedLength += JSON.writeValueAsString(text).length() + 1;
				if (this.storedLength > 1_000_000) {
					throw new ImportException(path, line, "the question's paraphrases together are longer than the "
							+ "1,000,000 characters that fit (too many different question texts for one question id?)");
				}
				position = this.paraphrases.size();
				this.paraphrases.add(text);
				this.positions.put(text, position);
				this.changed = true;
			}
			return position;
		}

	}

}
