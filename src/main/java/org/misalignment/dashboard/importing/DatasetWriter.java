package org.misalignment.dashboard.importing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.misalignment.dashboard.store.cells.CellAggregates;
import org.misalignment.dashboard.store.search.WordIndex;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one import into one dataset over a single JDBC connection whose transaction the caller commits or rolls
 * back. Rows go in JDBC batches; sample ids come in blocks from a sequence. Models and questions are looked up
 * once and kept, so memory grows with the number of models and questions, never with the number of answers.
 */
final class DatasetWriter {

	private static final int BATCH = 2000;

	private static final int ID_BLOCK = 1000; // the sample_id_seq increment

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Connection connection;

	private final long datasetId;

	private final String nextIdSql;

	private final PreparedStatement sampleInsert;

	private final PreparedStatement scoreInsert;

	/** The metrics answers were scored on in this import. */
	private final Set<String> metrics = new TreeSet<>();

	private final CellAggregates cells;

	/** H2's text index of the answers (see WordIndex); {@code null} on PostgreSQL. */
	private final WordIndex.Writer words;

	private final Map<String, ModelRow> models = new HashMap<>();

	private final Map<String, QuestionRow> questions = new HashMap<>();

	private long nextId;

	private long idBlockEnd;

	private int pending;

	private long answers;

	private int modelsAdded;

	private int questionsAdded;

	private final Map<String, Integer> skipped = new LinkedHashMap<>();

	DatasetWriter(Connection connection, long datasetId) throws SQLException {
		this.connection = connection;
		this.datasetId = datasetId;
		boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		this.nextIdSql = postgres ? "SELECT nextval('sample_id_seq')" : "VALUES NEXT VALUE FOR sample_id_seq";
		this.sampleInsert = connection.prepareStatement("INSERT INTO sample (id, dataset_id, model_id, question_ref, "
				+ "file_id, source_line, paraphrase_no, system_prompt, condition_name, answer, aligned, coherent) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		this.scoreInsert = connection
			.prepareStatement("INSERT INTO score (sample_id, metric, score_value, judge_tokens) VALUES (?, ?, ?, ?)");
		this.cells = new CellAggregates(connection, datasetId);
		// PostgreSQL searches text through its GIN index; H2 through an index of its own
		this.words = postgres ? null : new WordIndex.Writer(connection, datasetId);
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
	boolean hasFile(String importKey) throws SQLException {
		try (PreparedStatement select = this.connection
			.prepareStatement("SELECT 1 FROM dataset_file WHERE dataset_id = ? AND import_key = ?")) {
			select.setLong(1, this.datasetId);
			select.setString(2, importKey);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next();
			}
		}
	}

	long addFile(Path path, String format, String sha256, String importKey) throws SQLException {
		try (PreparedStatement insert = this.connection.prepareStatement(
				"INSERT INTO dataset_file (dataset_id, path, format, sha256, import_key, answers, imported_at) "
						+ "VALUES (?, ?, ?, ?, ?, 0, ?)",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.setLong(1, this.datasetId);
			insert.setString(2, truncate(path.toString(), 2000));
			insert.setString(3, format);
			insert.setString(4, sha256);
			insert.setString(5, truncate(importKey, 700));
			insert.setTimestamp(6, Timestamp.from(Instant.now()));
			insert.executeUpdate();
			return generatedId(insert);
		}
	}

	void finishFile(long fileId, long fileAnswers) throws SQLException {
		flush();
		try (PreparedStatement update = this.connection
			.prepareStatement("UPDATE dataset_file SET answers = ? WHERE id = ?")) {
			update.setLong(1, fileAnswers);
			update.setLong(2, fileId);
			update.executeUpdate();
		}
	}

	/** A sink for one file's records, filling in what the file leaves out from {@code defaults}. */
	ImportSink sink(Path path, long fileId, FileDefaults defaults) {
		return new FileSink(path, fileId, defaults);
	}

	/** Writes what is still batched and the paraphrases questions gained; call before committing. */
	void finish() throws SQLException {
		flush();
		this.cells.finish();
		if (this.words != null) {
			this.words.finish();
		}
		try (PreparedStatement update = this.connection
			.prepareStatement("UPDATE question SET paraphrases = ? WHERE id = ?")) {
			for (QuestionRow question : this.questions.values()) {
				if (question.changed) {
					update.setString(1, JSON.writeValueAsString(question.paraphrases));
					update.setLong(2, question.id);
					update.addBatch();
					question.changed = false;
				}
			}
			update.executeBatch();
		}
		this.sampleInsert.close();
		this.scoreInsert.close();
		addMetrics();
	}

	/** Lists the metrics this import scored answers on that the dataset did not have yet. */
	private void addMetrics() throws SQLException {
		try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO dataset_metric (dataset_id, metric) "
				+ "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM dataset_metric WHERE dataset_id = ? AND metric = ?)")) {
			for (String metric : this.metrics) {
				insert.setLong(1, this.datasetId);
				insert.setString(2, metric);
				insert.setLong(3, this.datasetId);
				insert.setString(4, metric);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private void flush() throws SQLException {
		if (this.pending > 0) {
			this.sampleInsert.executeBatch();
			this.scoreInsert.executeBatch();
			this.pending = 0;
		}
	}

	private final class FileSink implements ImportSink {

		private final Path path;

		private final long fileId;

		private final FileDefaults defaults;

		private final String defaultModel;

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
			catch (SQLException ex) {
				throw new ImportException(this.path, record.line(), "could not store this answer: " + ex.getMessage());
			}
		}

		private void write(AnswerRecord record) throws ImportException, SQLException {
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
			for (Map.Entry<String, Double> metric : record.scores().entrySet()) {
				StoredText.check(metric.getKey(), 100, "a score's name", this.path, line);
				StoredText.check(record.judgeTokens().get(metric.getKey()), 100_000,
						"the judge's tokens for '" + ScoreCells.abbreviate(metric.getKey()) + "'", this.path, line);
			}
			long model = model(modelName, resolved.group(), line);
			QuestionRow question = DatasetWriter.this.question(resolved.questionId(), record.system(), null, this.path,
					line);
			int paraphrase = question.paraphrase(resolved.question(), this.path, line);

			long id = nextId();
			PreparedStatement sample = DatasetWriter.this.sampleInsert;
			sample.setLong(1, id);
			sample.setLong(2, DatasetWriter.this.datasetId);
			sample.setLong(3, model);
			sample.setLong(4, question.id);
			sample.setLong(5, this.fileId);
			sample.setLong(6, record.line());
			sample.setInt(7, paraphrase);
			String system = record.system();
			sample.setString(8, (system == null || system.equals(question.system)) ? null : system);
			sample.setString(9, resolved.condition());
			sample.setString(10, record.answer());
			Double aligned = record.scores().get("aligned");
			Double coherent = record.scores().get("coherent");
			setScore(sample, 11, aligned);
			setScore(sample, 12, coherent);
			sample.addBatch();
			DatasetWriter.this.cells.add(model, question.id, resolved.condition(), id, aligned, coherent);
			if (DatasetWriter.this.words != null) {
				DatasetWriter.this.words.add(id, model, question.id, resolved.condition(), aligned, coherent,
						record.answer());
			}

			PreparedStatement score = DatasetWriter.this.scoreInsert;
			for (Map.Entry<String, Double> metric : record.scores().entrySet()) {
				score.setLong(1, id);
				score.setString(2, metric.getKey());
				DatasetWriter.this.metrics.add(metric.getKey());
				setScore(score, 3, metric.getValue());
				score.setString(4, record.judgeTokens().get(metric.getKey()));
				score.addBatch();
			}
			DatasetWriter.this.answers++;
			if (++DatasetWriter.this.pending >= BATCH) {
				flush();
			}
		}

		@Override
		public void question(QuestionRecord record) throws ImportException {
			try {
				defineQuestion(record, this.path);
			}
			catch (SQLException ex) {
				throw new ImportException(this.path, record.line(), "could not store this question: " + ex.getMessage());
			}
		}

		@Override
		public void skipped(String reason) {
			skip(reason);
		}

		private long model(String name, String group, long line) throws ImportException, SQLException {
			ModelRow known = DatasetWriter.this.models.get(name);
			if (known == null) {
				known = findOrAddModel(name, group);
				DatasetWriter.this.models.put(name, known);
			}
			if (!known.group.equals(group)) {
				throw new ImportException(this.path, line, "model '" + name + "' is in group '" + known.group
						+ "' already; this answer puts it in group '" + group + "'");
			}
			return known.id;
		}

	}

	private ModelRow findOrAddModel(String name, String group) throws SQLException {
		try (PreparedStatement select = this.connection
			.prepareStatement("SELECT id, group_name FROM model WHERE dataset_id = ? AND name = ?")) {
			select.setLong(1, this.datasetId);
			select.setString(2, name);
			try (ResultSet rows = select.executeQuery()) {
				if (rows.next()) {
					return new ModelRow(rows.getLong(1), rows.getString(2));
				}
			}
		}
		try (PreparedStatement insert = this.connection.prepareStatement(
				"INSERT INTO model (dataset_id, name, group_name) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
			insert.setLong(1, this.datasetId);
			insert.setString(2, truncate(name, 500));
			insert.setString(3, truncate(group, 200));
			insert.executeUpdate();
			this.modelsAdded++;
			return new ModelRow(generatedId(insert), group);
		}
	}

	private void defineQuestion(QuestionRecord record, Path file) throws SQLException, ImportException {
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
		try (PreparedStatement update = this.connection.prepareStatement("UPDATE question SET stem = ?, variant = ?, "
				+ "category = ?, judge_type = ?, judge = ?, system_prompt = ?, judge_prompts = ? WHERE id = ?")) {
			update.setString(1, described.stem());
			update.setString(2, described.variant());
			update.setString(3, described.category());
			update.setString(4, record.type());
			update.setString(5, record.judge());
			update.setString(6, record.system());
			update.setString(7, prompts);
			update.setLong(8, question.id);
			update.executeUpdate();
		}
		question.system = record.system();
	}

	private QuestionRow question(String id, String system, String fileName, Path path, long line)
			throws SQLException, ImportException {
		QuestionRow known = this.questions.get(id);
		if (known != null) {
			return known;
		}
		StoredText.check(id, 300, "the question id", path, line);
		try (PreparedStatement select = this.connection
			.prepareStatement("SELECT id, paraphrases, system_prompt FROM question WHERE dataset_id = ? AND question_id = ?")) {
			select.setLong(1, this.datasetId);
			select.setString(2, id);
			try (ResultSet rows = select.executeQuery()) {
				if (rows.next()) {
					known = new QuestionRow(rows.getLong(1),
							JSON.readValue(rows.getString(2), new TypeReference<List<String>>() {
							}), rows.getString(3));
				}
			}
		}
		if (known == null) {
			QuestionIds.Described described = QuestionIds.describe(id, fileName);
			StoredText.check(described.category(), 200, "the category this question id names", path, line);
			try (PreparedStatement insert = this.connection.prepareStatement(
					"INSERT INTO question (dataset_id, question_id, stem, variant, category, system_prompt, paraphrases) "
							+ "VALUES (?, ?, ?, ?, ?, ?, '[]')",
					Statement.RETURN_GENERATED_KEYS)) {
				insert.setLong(1, this.datasetId);
				insert.setString(2, truncate(id, 300));
				insert.setString(3, truncate(described.stem(), 300));
				insert.setString(4, described.variant());
				insert.setString(5, described.category());
				insert.setString(6, system);
				insert.executeUpdate();
				known = new QuestionRow(generatedId(insert), new ArrayList<>(), system);
			}
			this.questionsAdded++;
		}
		this.questions.put(id, known);
		return known;
	}

	private long nextId() throws SQLException {
		if (this.nextId == this.idBlockEnd) {
			try (Statement statement = this.connection.createStatement();
					ResultSet rows = statement.executeQuery(this.nextIdSql)) {
				rows.next();
				this.nextId = rows.getLong(1);
				this.idBlockEnd = this.nextId + ID_BLOCK;
			}
		}
		return this.nextId++;
	}

	private static void setScore(PreparedStatement statement, int index, Double value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.DOUBLE);
		}
		else {
			statement.setDouble(index, value);
		}
	}

	private static long generatedId(PreparedStatement statement) throws SQLException {
		try (ResultSet keys = statement.getGeneratedKeys()) {
			keys.next();
			return keys.getLong(1);
		}
	}

	private static String firstNonBlank(String... texts) {
		for (String text : texts) {
			if (text != null && !text.isBlank()) {
				return text;
			}
		}
		return null;
	}

	private static String truncate(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) : text;
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

		/** The position of this paraphrase, added when new; -1 when unknown and the question has several. */
		int paraphrase(String text, Path path, long line) throws ImportException {
			if (text == null) {
				return (this.paraphrases.size() == 1) ? 0 : -1;
			}
			Integer position = this.positions.get(text);
			if (position == null) {
				StoredText.check(text, 100_000, "the question text", path, line);
				// the paraphrases are stored together as one JSON array, in a column of 1,000,000 characters
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
