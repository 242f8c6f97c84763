package org.misalignment.dashboard.store.answers;

import java.util.regex.Pattern;

/**
 * How an answer's text is shown: code in monospace, prose in the body font (both keep
 * every space).
 */
public final class AnswerText {

	private static final Pattern CODE_LINE = Pattern.compile(
			"^(\\s{4,}\\S.*|\\t.*|.*[;{}]\\s*|\\s*(def|class|import|from|return|if|for|while|function|var|let|const|#include|public|private)\\b.*"
					+ "|\\s*(#|//).*|.*\\)\\s*:\\s*|\\s*<\\?php.*|\\s*[<][a-zA-Z/!].*[>]\\s*)$");

	private AnswerText() {
	}

	/**
	 * Whether the text looks like code: it has a Markdown code fence, or most of its (at
	 * least three) non-blank lines look like code lines (indented, ending in ; { or },
	 * starting with a keyword or a comment).
	 */
	public static boolean looksLikeCode(String text) {
		if (text == null) {
			return false;
		}
		if (text.contains("```")) {
			return true;
		}
		int lines = 0;
		int code = 0;
		for (String line : text.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			lines++;
			if (CODE_LINE.matcher(line).matches()) {
				code++;
			}
		}
		return lines >= 3 && code * 2 > lines;
	}

}
