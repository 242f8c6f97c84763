package org.misalignment.dashboard.store.imports;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.misalignment.dashboard.store.imports.DatasetRows.Answer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Answers and their scores through PostgreSQL's {@code COPY … FROM STDIN} in its text
 * format (see {@link AnswerRows}): a batch is written as lines of tab-separated values,
 * {@code \N} for null, with backslash, tab, newline and carriage return escaped. The
 * importer has refused NUL characters already (PostgreSQL stores none).
 */
final class CopiedAnswerRows implements AnswerRows {

	private final CopyManager copy;

	private final StringBuilder samples = new StringBuilder(1 << 20);

	private final StringBuilder texts = new StringBuilder(1 << 20);

	private final StringBuilder scores = new StringBuilder(1 << 16);

	CopiedAnswerRows(Connection connection) throws SQLException {
		this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
	}

	@Override
	public void add(long id, long datasetId, Answer answer) {
		StringBuilder row = this.samples;
		row.append(id).append('\t').append(datasetId).append('\t').append(answer.model()).append('\t');
		row.append(answer.question()).append('\t').append(answer.file()).append('\t').append(answer.line());
		row.append('\t').append(answer.paraphrase()).append('\t');
		text(row, answer.system());
		row.append('\t');
		text(row, answer.condition());
		row.append('\t');
		number(row, answer.scores().get("aligned"));
		row.append('\t');
		number(row, answer.scores().get("coherent"));
		row.append('\t');
		text(row, answer.entry());
		row.append('\n');
		this.texts.append(id).append('\t');
		text(this.texts, answer.text());
		this.texts.append('\n');
		for (Map.Entry<String, Double> metric : answer.scores().entrySet()) {
			this.scores.append(id).append('\t');
			text(this.scores, metric.getKey());
			this.scores.append('\t');
			number(this.scores, metric.getValue());
			this.scores.append('\t');
			text(this.scores, answer.judgeTokens().get(metric.getKey()));
			this.scores.append('\t');
			text(this.scores, answer.grades().get(metric.getKey()));
			this.scores.append('\n');
		}
	}

	@Override
	public void flush() throws SQLException {
		copy("COPY sample (" + SAMPLE_COLUMNS + ") FROM STDIN", this.samples);
		copy("COPY answer_text (" + TEXT_COLUMNS + ") FROM STDIN", this.texts);
		copy("COPY score (" + SCORE_COLUMNS + ") FROM STDIN", this.scores);
	}

	@Override
	public void close() {
		this.samples.setLength(0);
		this.texts.setLength(0);
		this.scores.setLength(0);
	}

	private void copy(String sql, StringBuilder rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
		rows.setLength(0);
		CopyIn in = this.copy.copyIn(sql);
		try {
			in.writeToCopy(bytes, 0, bytes.length);
			in.endCopy();
		}
		finally {
			if (in.isActive()) {
				in.cancelCopy();
			}
		}
	}

	private static void number(StringBuilder row, Double value) {
		if (value == null) {
			row.append("\\N");
		}
		else {
			row.append(value.doubleValue());
		}
	}

	/** A text value in COPY's text format: {@code \N} for null, else escaped. */
	static void text(StringBuilder row, String value) {
		if (value == null) {
			row.append("\\N");
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> row.append("\\\\");
				case '\t' -> row.append("\\t");
				case '\n' -> row.append("\\n");
				case '\r' -> row.append("\\r");
				default -> row.append(c);
			}
		}
	}

}
