package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.cells.CellAggregates;
import org.misalignment.dashboard.store.cells.JudgeScores;
import org.misalignment.dashboard.store.search.WordIndexWriter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the rows of one import into one dataset, inside the {@link ImportTransaction}
 * that made it: files, models, questions, and answers with their scores, the
 * pre-aggregates and the word index. Answers go in batches ({@link AnswerRows}); their
 * ids come in blocks from a sequence. Every method throws {@link StoreException} when the
 * database refuses a statement. Text longer than its column is cut to fit where the
 * importer does not check it.
 */
public final class DatasetRows {

	private static final int BATCH = 2000;

	private static final int ID_BLOCK = 1000; // the sample_id_seq increment

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Connection connection;

	private final long datasetId;

	private final String nextIdSql;

	private final AnswerRows answers;

	/** The metrics answers were scored on in this import. */
	private final Set<String> metrics = new TreeSet<>();

	private final CellAggregates cells;

	private final JudgeScores judges;

	/** The text index of the answers (see WordIndex). */
	private final WordIndexWriter words;

	private long nextId;

	private long idBlockEnd;

	private int pending;

	/**
	 * Commits a staged import's rows so far, or {@code null} when it is one transaction.
	 */
	private final Runnable checkpoint;

	/** Answers written since the last checkpoint. */
	private int uncommitted;

	DatasetRows(Connection connection, long datasetId, Runnable checkpoint) throws SQLException {
		this.connection = connection;
		this.datasetId = datasetId;
		this.checkpoint = checkpoint;
		boolean postgres = Database.postgres(connection);
		this.nextIdSql = postgres ? "SELECT nextval('sample_id_seq')" : "VALUES NEXT VALUE FOR sample_id_seq";
		this.answers = AnswerRows.on(connection);
		this.cells = new CellAggregates(connection, datasetId);
		this.judges = new JudgeScores(connection, datasetId);
		// both databases search text through the dashboard's own word index
		this.words = new WordIndexWriter(connection, datasetId);
	}

	/** Whether a file with this identity is already part of the dataset. */
	public boolean hasFile(String importKey) {
		try (PreparedStatement select = this.connection
			.prepareStatement("SELECT 1 FROM dataset_file WHERE dataset_id = ? AND import_key = ?")) {
			select.setLong(1, this.datasetId);
			select.setString(2, importKey);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** Adds a file, with no answers yet; returns its id. */
	public long addFile(String path, String format, String sha256, String importKey) {
		try (PreparedStatement insert = this.connection.prepareStatement(
				"INSERT INTO dataset_file (dataset_id, path, format, sha256, import_key, answers, imported_at) "
						+ "VALUES (?, ?, ?, ?, ?, 0, ?)",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.setLong(1, this.datasetId);
			insert.setString(2, truncate(path, 2000));
			insert.setString(3, format);
			insert.setString(4, sha256);
			insert.setString(5, truncate(importKey, 700));
			insert.setTimestamp(6, Timestamp.from(Instant.now()));
			insert.executeUpdate();
			return generatedId(insert);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** Writes what is still batched and the number of answers the file added. */
	public void finishFile(long fileId, long fileAnswers) {
		try {
			flush();
			try (PreparedStatement update = this.connection
				.prepareStatement("UPDATE dataset_file SET answers = ? WHERE id = ?")) {
				update.setLong(1, fileAnswers);
				update.setLong(2, fileId);
				update.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * What an Inspect log says of itself, kept with its file: the task, the Inspect
	 * version that wrote it, its status and its eval id (each null when the log does not
	 * say).
	 */
	public record LogFacts(String task, String inspectVersion, String status, String evalId) {
	}

	public void describeFile(long fileId, LogFacts facts) {
		try (PreparedStatement update = this.connection.prepareStatement(
				"UPDATE dataset_file SET task = ?, inspect_version = ?, log_status = ?, eval_id = ? WHERE id = ?")) {
			update.setString(1, cut(facts.task(), 300));
			update.setString(2, cut(facts.inspectVersion(), 40));
			update.setString(3, cut(facts.status(), 40));
			update.setString(4, cut(facts.evalId(), 100));
			update.setLong(5, fileId);
			update.executeUpdate();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** A model of the dataset: its id and group. */
	public record StoredModel(long id, String group) {
	}

	public Optional<StoredModel> findModel(String name) {
		try (PreparedStatement select = this.connection
			.prepareStatement("SELECT id, group_name FROM model WHERE dataset_id = ? AND name = ?")) {
			select.setLong(1, this.datasetId);
			select.setString(2, name);
			try (ResultSet rows = select.executeQuery()) {
				if (rows.next()) {
					return Optional.of(new StoredModel(rows.getLong(1), rows.getString(2)));
				}
				return Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** Adds a model to the dataset; returns its id. */
	public long addModel(String name, String group) {
		try (PreparedStatement insert = this.connection.prepareStatement(
				"INSERT INTO model (dataset_id, name, group_name) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
			insert.setLong(1, this.datasetId);
			insert.setString(2, truncate(name, 500));
			insert.setString(3, truncate(group, 200));
			insert.executeUpdate();
			return generatedId(insert);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Sets a model's attributes (name to value, as given); a name it had is replaced.
	 */
	public void setModelAttributes(long modelId, Map<String, String> attributes) {
		try {
			ModelAttributeRows.write(this.connection, modelId, attributes);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * A question of the dataset: its id, its paraphrases in order and its system prompt.
	 */
	public record StoredQuestion(long id, List<String> paraphrases, String system) {
	}

	public Optional<StoredQuestion> findQuestion(String questionId) {
		try (PreparedStatement select = this.connection.prepareStatement(
				"SELECT id, paraphrases, system_prompt FROM question WHERE dataset_id = ? AND question_id = ?")) {
			select.setLong(1, this.datasetId);
			select.setString(2, questionId);
			try (ResultSet rows = select.executeQuery()) {
				if (rows.next()) {
					return Optional.of(new StoredQuestion(rows.getLong(1),
							JSON.readValue(rows.getString(2), new TypeReference<List<String>>() {
							}), rows.getString(3)));
				}
				return Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** Adds a question, with no paraphrases yet; returns its id. */
	public long addQuestion(String questionId, String stem, String variant, String category, String system) {
		try (PreparedStatement insert = this.connection.prepareStatement(
				"INSERT INTO question (dataset_id, question_id, stem, variant, category, system_prompt, paraphrases) "
						+ "VALUES (?, ?, ?, ?, ?, ?, '[]')",
				Statement.RETURN_GENERATED_KEYS)) {
			insert.setLong(1, this.datasetId);
			insert.setString(2, truncate(questionId, 300));
			insert.setString(3, truncate(stem, 300));
			insert.setString(4, variant);
			insert.setString(5, category);
			insert.setString(6, system);
			insert.executeUpdate();
			return generatedId(insert);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** What a question file says of a question, over what the answers said. */
	public record QuestionDefinition(String stem, String variant, String category, String type, String judge,
			String system, String judgePromptsJson) {
	}

	public void defineQuestion(long id, QuestionDefinition definition) {
		try (PreparedStatement update = this.connection.prepareStatement("UPDATE question SET stem = ?, variant = ?, "
				+ "category = ?, judge_type = ?, judge = ?, system_prompt = ?, judge_prompts = ? WHERE id = ?")) {
			update.setString(1, definition.stem());
			update.setString(2, definition.variant());
			update.setString(3, definition.category());
			update.setString(4, definition.type());
			update.setString(5, definition.judge());
			update.setString(6, definition.system());
			update.setString(7, definition.judgePromptsJson());
			update.setLong(8, id);
			update.executeUpdate();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * An answer to store, its model and question already stored.
	 *
	 * @param system the system prompt, or {@code null} when it is the question's
	 * @param scores metric to score; {@code aligned} and {@code coherent} are also kept
	 * with the answer
	 * @param grades metric to the letter grade its score came from, where it came from
	 * one
	 * @param entry the archive entry it came from (an Inspect {@code .eval} log's), or
	 * null
	 */
	public record Answer(long model, long question, long file, long line, int paraphrase, String system,
			String condition, String text, Map<String, Double> scores, Map<String, String> judgeTokens,
			Map<String, String> grades, String entry) {
	}

	/** Adds an answer with its scores (written with the next batch). */
	public void add(Answer answer) {
		try {
			long id = nextId();
			this.answers.add(id, this.datasetId, answer);
			Double aligned = answer.scores().get("aligned");
			Double coherent = answer.scores().get("coherent");
			this.cells.add(answer.model(), answer.question(), answer.condition(), id, aligned, coherent);
			this.judges.add(answer.model(), answer.question(), answer.condition(), id, answer.scores());
			this.words.add(id, answer.model(), answer.question(), answer.condition(), aligned, coherent, answer.text());
			this.metrics.addAll(answer.scores().keySet());
			if (++this.pending >= BATCH) {
				flush();
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Writes what is still batched, the pre-aggregates, the word index, the paraphrases
	 * questions gained (by question id) and the dataset's new metrics; call once, before
	 * committing.
	 */
	public void finish(Map<Long, List<String>> paraphrases) {
		try {
			flush();
			this.cells.finish();
			this.judges.finish();
			this.words.finish();
			try (PreparedStatement update = this.connection
				.prepareStatement("UPDATE question SET paraphrases = ? WHERE id = ?")) {
				for (Map.Entry<Long, List<String>> question : paraphrases.entrySet()) {
					update.setString(1, JSON.writeValueAsString(question.getValue()));
					update.setLong(2, question.getKey());
					update.addBatch();
				}
				update.executeBatch();
			}
			this.answers.close();
			addMetrics();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Lists the metrics this import scored answers on that the dataset did not have yet.
	 */
	private void addMetrics() throws SQLException {
		try (PreparedStatement insert = this.connection
			.prepareStatement("INSERT INTO dataset_metric (dataset_id, metric) "
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
			this.answers.flush();
			this.uncommitted += this.pending;
			this.pending = 0;
			if (this.checkpoint != null && this.uncommitted >= ImportTransaction.ANSWERS_PER_COMMIT) {
				this.checkpoint.run();
				this.uncommitted = 0;
			}
		}
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

	private static long generatedId(PreparedStatement statement) throws SQLException {
		try (ResultSet keys = statement.getGeneratedKeys()) {
			keys.next();
			return keys.getLong(1);
		}
	}

	private static String cut(String text, int length) {
		return (text == null) ? null : truncate(text, length);
	}

	private static String truncate(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) : text;
	}

}
