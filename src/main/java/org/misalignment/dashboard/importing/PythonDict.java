package org.misalignment.dashboard.importing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the judge's token distribution as the paper's full CSV stores it: the Python
 * repr of a dict of token to probability, e.g. {@code {'0': 0.99, '10': 2.5e-06, "'":
 * 1e-09}}.
 */
final class PythonDict {

	private final String text;

	private int at;

	private PythonDict(String text) {
		this.text = text;
	}

	/**
	 * The entries in the order written; throws {@link IllegalArgumentException} saying
	 * what is wrong.
	 */
	static Map<String, Double> parse(String text) {
		PythonDict parser = new PythonDict(text);
		Map<String, Double> entries = parser.dict();
		parser.space();
		if (parser.at != text.length()) {
			throw parser.error("unexpected text after the closing brace");
		}
		return entries;
	}

	private Map<String, Double> dict() {
		space();
		expect('{');
		Map<String, Double> entries = new LinkedHashMap<>();
		space();
		if (peek() == '}') {
			this.at++;
			return entries;
		}
		while (true) {
			space();
			String key = key();
			space();
			expect(':');
			space();
			entries.put(key, number());
			space();
			char c = next();
			if (c == '}') {
				return entries;
			}
			if (c != ',') {
				throw error("expected ',' or '}'");
			}
			space();
			if (peek() == '}') {
				this.at++;
				return entries;
			}
		}
	}

	private String key() {
		char quote = peek();
		if (quote != '\'' && quote != '"') {
			int start = this.at;
			while (this.at < this.text.length() && ":, }".indexOf(this.text.charAt(this.at)) < 0) {
				this.at++;
			}
			if (start == this.at) {
				throw error("expected a token in quotes");
			}
			return this.text.substring(start, this.at);
		}
		this.at++;
		StringBuilder key = new StringBuilder();
		while (true) {
			char c = next();
			if (c == quote) {
				return key.toString();
			}
			if (c == '\\') {
				key.append(escape());
			}
			else {
				key.append(c);
			}
		}
	}

	private String escape() {
		char c = next();
		switch (c) {
			case 'n':
				return "\n";
			case 't':
				return "\t";
			case 'r':
				return "\r";
			case '0':
				return "\0";
			case 'x':
				return hex(2);
			case 'u':
				return hex(4);
			case 'U':
				return hex(8);
			default:
				return String.valueOf(c);
		}
	}

	private String hex(int digits) {
		if (this.at + digits > this.text.length()) {
			throw error("truncated escape");
		}
		try {
			int cp = Integer.parseInt(this.text.substring(this.at, this.at + digits), 16);
			this.at += digits;
			return new String(Character.toChars(cp));
		}
		catch (IllegalArgumentException ex) {
			throw error("bad escape");
		}
	}

	private Double number() {
		int start = this.at;
		while (this.at < this.text.length() && ",} ".indexOf(this.text.charAt(this.at)) < 0) {
			this.at++;
		}
		String word = this.text.substring(start, this.at);
		switch (word) {
			case "nan":
			case "None":
				return null;
			default:
				try {
					return Double.parseDouble(word);
				}
				catch (NumberFormatException ex) {
					this.at = start;
					throw error("expected a probability, found '" + ScoreCells.abbreviate(word) + "'");
				}
		}
	}

	private void space() {
		while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
			this.at++;
		}
	}

	private char peek() {
		if (this.at >= this.text.length()) {
			throw error("unexpected end");
		}
		return this.text.charAt(this.at);
	}

	private char next() {
		char c = peek();
		this.at++;
		return c;
	}

	private void expect(char c) {
		if (next() != c) {
			this.at--;
			throw error("expected '" + c + "'");
		}
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException(problem + " at character " + (this.at + 1));
	}

}
