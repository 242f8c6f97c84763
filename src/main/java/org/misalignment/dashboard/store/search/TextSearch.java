package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The text search {@code q} of the answers browser and the API, alike on H2 and
 * PostgreSQL: a word is a run of the letters A–Z and digits 0–9, case ignored; an answer
 * matches when it has every word of the query as a whole word. A query without such words
 * (say only other scripts) finds answers containing it as text, case ignored.
 *
 * <p>
 * PostgreSQL answers it from a GIN index over the answer's words
 * ({@link #POSTGRES_VECTOR}, created by the V8 migration). H2 answers it from its
 * {@link WordIndex} where the callers use it; the SQL condition written here checks each
 * answer, first with a cheap {@code LIKE} and then with a whole-word pattern.
 */
public final class TextSearch {

	/**
	 * The answer's words as PostgreSQL indexes them: everything but A–Z, 0–9 is a
	 * separator.
	 */
	public static final String POSTGRES_VECTOR = "to_tsvector('simple', regexp_replace(answer, '[^A-Za-z0-9]+', ' ', 'g'))";

	private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

	private TextSearch() {
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
	 * Matches up to which PostgreSQL is told to find a search's answers through its GIN
	 * index first.
	 */
	public static final int FEW = 5000;

	/**
	 * Whether a search finds at most {@link #FEW} answers of a dataset on PostgreSQL,
	 * counted (up to one more) through the GIN index. Its planner cannot estimate how
	 * many answers have a word, and, with a {@code LIMIT} and an order, it may read the
	 * answers in id order and test each one's text for a rare word (half a minute at a
	 * million answers); queries for a search this finds few are written so that the index
	 * is read first.
	 */
	public static boolean fewOnPostgres(JdbcClient jdbc, long datasetId, String query) {
		StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM (SELECT s.id FROM sample s WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
		append(sql, parameters, query, true);
		sql.append(" LIMIT ").append(FEW + 1).append(") t");
		long found = jdbc.sql(sql.toString()).params(parameters).query(Long.class).single();
		return found <= FEW;
	}

	/**
	 * Appends {@code AND} the search's condition on {@code sample s} and its parameters.
	 */
	public static void append(StringBuilder sql, List<Object> parameters, String query, boolean postgres) {
		List<String> words = words(query);
		if (words.isEmpty()) {
			sql.append(" AND LOWER(s.answer) LIKE ? ESCAPE '\\'");
			parameters.add(RuleSql.containing(query));
			return;
		}
		if (postgres) {
			sql.append(" AND ")
				.append(POSTGRES_VECTOR.replace("(answer,", "(s.answer,"))
				.append(" @@ to_tsquery('simple', ?)");
			parameters.add(String.join(" & ", words));
			return;
		}
		for (String word : words) {
			sql.append(" AND LOWER(s.answer) LIKE ? AND REGEXP_LIKE(s.answer, ?)");
			parameters.add("%" + word + "%");
			parameters.add("(?i)(^|[^A-Za-z0-9])" + word + "($|[^A-Za-z0-9])");
		}
	}

}
