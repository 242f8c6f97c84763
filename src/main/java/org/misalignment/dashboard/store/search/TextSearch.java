package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.misalignment.dashboard.store.RuleSql;

/**
 * The text search {@code q} of the answers browser and the API, alike on H2 and
 * PostgreSQL: a word is a run of the letters A–Z and digits 0–9, case ignored; an answer
 * matches when it has every word of the query as a whole word. A query without such words
 * (say only other scripts) finds answers containing it as text, case ignored.
 *
 * <p>
 * Both databases answer it from the {@link WordIndex} where the callers use it. The SQL
 * condition written here checks each answer's text instead, for a word the index does not
 * hold (longer than {@link WordIndex#MAX_WORD}) or a query without words: on H2 first
 * with a cheap {@code LIKE}, then with a whole-word pattern; on PostgreSQL with the
 * pattern alone, whose letters name both cases, so that no locale's idea of case (a
 * Turkish dotless i) changes what matches.
 */
public final class TextSearch {

	private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

	private TextSearch() {
	}

	/** The longest search a visitor may send, in characters. */
	public static final int MAX_QUERY = 500;

	/** The most words a search may hold (an answer must hold every one). */
	public static final int MAX_WORDS = 32;

	/**
	 * A visitor's search as given, or an {@link IllegalArgumentException} (a 400 saying
	 * why) when it is longer than {@link #MAX_QUERY} characters, has more than
	 * {@link #MAX_WORDS} words, or a word longer than {@link WordIndex#MAX_WORD}: every
	 * search that passes is answered from the word index (or, with no word at all, from a
	 * bounded scan), never by reading every answer's text for one huge word.
	 */
	public static String checked(String query) {
		if (query == null) {
			return null;
		}
		if (query.length() > MAX_QUERY) {
			throw new IllegalArgumentException("q (the text search) is at most " + MAX_QUERY
					+ " characters; this one has " + query.length() + ". Search for fewer or shorter words.");
		}
		List<String> words = words(query);
		if (words.size() > MAX_WORDS) {
			throw new IllegalArgumentException("q (the text search) finds answers that hold every one of at most "
					+ MAX_WORDS + " words; this one has " + words.size() + ".");
		}
		for (String word : words) {
			if (word.length() > WordIndex.MAX_WORD) {
				throw new IllegalArgumentException(
						"q (the text search): the word '" + word.substring(0, 20) + "…' has " + word.length()
								+ " letters and digits; words of at most " + WordIndex.MAX_WORD + " are searched.");
			}
		}
		return query;
	}

	/** The query's distinct words, lower-cased, in order. */
	public static List<String> words(String query) {
		Set<String> words = new LinkedHashSet<>();
		Matcher matcher = WORD.matcher(query);
		while (matcher.find()) {
			words.add(matcher.group().toLowerCase(Locale.ROOT));
		}
		return new ArrayList<>(words);
	}

	/**
	 * Appends {@code AND} the search's condition on {@code sample s} and its parameters,
	 * read from each answer's text in {@code answer_text}.
	 */
	public static void append(StringBuilder sql, List<Object> parameters, String query, boolean postgres) {
		// one look-up of each answer's text (see AnswerTexts)
		sql.append(" AND EXISTS (SELECT 1 FROM answer_text txt WHERE txt.sample_id = s.id");
		List<String> words = words(query);
		if (words.isEmpty()) {
			sql.append(" AND LOWER(txt.answer) LIKE ? ESCAPE '\\'");
			parameters.add(RuleSql.containing(query));
		}
		for (String word : words) {
			if (postgres) {
				sql.append(" AND txt.answer ~ ?");
			}
			else {
				sql.append(" AND LOWER(txt.answer) LIKE ? AND REGEXP_LIKE(txt.answer, ?)");
				parameters.add("%" + word + "%");
			}
			parameters.add(wholeWord(word));
		}
		sql.append(")");
	}

	/**
	 * A regular expression, the same to Java (H2) and PostgreSQL, that finds a word
	 * (lower case) as a whole word in either case: each letter as {@code [xX]}, between
	 * the text's ends and characters other than A–Z, a–z and 0–9.
	 */
	static String wholeWord(String word) {
		StringBuilder pattern = new StringBuilder("(^|[^A-Za-z0-9])");
		for (char c : word.toCharArray()) {
			if (c >= 'a' && c <= 'z') {
				pattern.append('[').append(c).append((char) (c - ('a' - 'A'))).append(']');
			}
			else {
				pattern.append(c);
			}
		}
		return pattern.append("($|[^A-Za-z0-9])").toString();
	}

}
