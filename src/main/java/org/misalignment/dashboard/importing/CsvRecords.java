package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of an RFC 4180 CSV file, as pandas writes them: quoted fields may
 * hold commas, quotes ({@code ""}) and line breaks. Each record knows the line it starts
 * on, so errors can point at it.
 */
final class CsvRecords {

	private final Reader reader;

	private final Path path;

	private final char[] buffer = new char[1 << 16];

	private int position;

	private int limit;

	private long line = 1;

	private long recordLine;

	private final StringBuilder field = new StringBuilder(256);

	CsvRecords(Reader reader, Path path) {
		this.reader = reader;
		this.path = path;
	}

	/** The line the last record returned by {@link #next()} started on. */
	long recordLine() {
		return this.recordLine;
	}

	/**
	 * The next record's fields, or {@code null} at the end of the file. Blank lines are
	 * skipped.
	 */
	List<String> next() throws IOException, ImportException {
		int c = read();
		while (c == '\n' || c == '\r') {
			c = read();
		}
		if (c < 0) {
			return null;
		}
		this.recordLine = this.line;
		List<String> fields = new ArrayList<>();
		while (true) {
			this.field.setLength(0);
			if (c == '"') {
				long quoteLine = this.line;
				while (true) {
					c = read();
					if (c < 0) {
						throw new ImportException(this.path, quoteLine,
								"unterminated quote: the quoted field starting here never ends");
					}
					if (c == '"') {
						c = read();
						if (c != '"') {
							break;
						}
					}
					this.field.append((char) c);
				}
				if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
					throw new ImportException(this.path, this.line,
							"unexpected text after a closing quote (a quote inside a field must be doubled: \"\")");
				}
			}
			else {
				while (c != ',' && c != '\n' && c != '\r' && c >= 0) {
					this.field.append((char) c);
					c = read();
				}
			}
			fields.add(this.field.toString());
			if (c == ',') {
				c = read();
				continue;
			}
			if (c == '\r') {
				c = peek();
				if (c == '\n') {
					read();
				}
			}
			return fields;
		}
	}

	private int read() throws IOException {
		if (!fill()) {
			return -1;
		}
		char c = this.buffer[this.position++];
		if (c == '\n') {
			this.line++;
		}
		return c;
	}

	private int peek() throws IOException {
		return fill() ? this.buffer[this.position] : -1;
	}

	/** Makes sure the buffer holds a character to read; false at the end of the file. */
	private boolean fill() throws IOException {
		if (this.position == this.limit) {
			this.limit = Math.max(0, this.reader.read(this.buffer, 0, this.buffer.length));
			this.position = 0;
		}
		return this.position < this.limit;
	}

}
