package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.cells.ScoreBand;
import org.misalignment.dashboard.store.search.AnswerOrder.Position;

/**
 * The FROM and WHERE of a query over one dataset's answers ({@code sample s}) for an
 * {@link AnswerFilter}, with its parameters, and the ORDER BY of each
 * {@link AnswerOrder}: the one place where a filter becomes SQL, for the answers browser
 * and the samples API alike. Models and questions are named by their ids from the
 * {@link DatasetCatalog}, so no query joins them. Under {@code judge=X} the query joins
 * each answer's two score rows of judge X ({@link RuleSql#judgeJoins}), reads them for
 * {@code s.aligned} and {@code s.coherent} ({@link #judged}) and leaves out the answers X
 * did not score.
 */
final class AnswerQuery {

	/**
	 * Answers of a text search in the word index that a query lists by id; with more, it
	 * reads their text.
	 */
	static final int LISTED = 1000;

	private static final String FROM = " FROM sample s WHERE s.dataset_id = ?";

	final StringBuilder sql;

	/**
	 * The joins of a judge's scores ({@code ja}, {@code jc}) under {@code judge=X}, or
	 * empty for the plain pair.
	 */
	private final String joins;

	/** Where the conditions after the dataset's begin in {@link #sql}. */
	private final int conditionsAt;

	/** The rule's judge when it is not the plain pair's, else {@code null}. */
	final String judge;

	private final Rule rule;

	final List<Object> parameters = new ArrayList<>();

	/**
	 * Whether the query lists its answers' ids (a flag filter): a range of ids is then
	 * written so that no database takes it for the way in, which would read every answer
	 * of the range instead of the few listed.
	 */
	boolean idsListed;

	/** The words searched, if any, when the query reads the answers' text for them. */
	String text;

	private AnswerQuery(Rule rule) {
		this.rule = rule;
		if (rule == null || rule.plainJudge()) {
			this.judge = null;
			this.joins = "";
			this.sql = new StringBuilder(FROM);
			this.conditionsAt = FROM.length();
			return;
		}
		this.judge = rule.judge();
		this.joins = joinsOf(rule);
		this.sql = new StringBuilder(" FROM sample s" + this.joins + " WHERE s.dataset_id = ?");
		this.conditionsAt = this.sql.length();
		// an answer judge X did not score (neither of its metrics) is not among X's
		this.sql.append(RuleSql.judgeScored(rule));
	}

	/** The joins of a rule's judge's scores ({@link RuleSql#judgeJoins}). */
	static String joinsOf(Rule rule) {
		return RuleSql.judgeJoins(rule);
	}

	/** An empty query over the dataset's answers under a rule's judge. */
	static AnswerQuery over(long datasetId, Rule rule) {
		AnswerQuery query = new AnswerQuery(rule);
		query.parameters.add(datasetId);
		return query;
	}

	static AnswerQuery of(long datasetId, AnswerFilter filter, DatasetCatalog catalog) {
		AnswerQuery query = new AnswerQuery(filter.rule());
		query.parameters.add(datasetId);
		if (filter.picksModels()) {
			query.in("s.model_id",
					catalog.models()
						.entrySet()
						.stream()
						.filter((model) -> filter.group() == null || filter.group().equals(model.getValue().group()))
						.filter((model) -> filter.admitsModel(model.getValue().name()))
						.map(Map.Entry::getKey)
						.sorted()
						.toList());
		}
		if (filter.question() != null || filter.category() != null) {
			query.in("s.question_ref",
					catalog.questions()
						.entrySet()
						.stream()
						.filter((question) -> filter.question() == null
								|| filter.question().equals(question.getValue().questionId()))
						.filter((question) -> filter.category() == null
								|| filter.category().equals(question.getValue().category()))
						.map(Map.Entry::getKey)
						.sorted()
						.toList());
		}
		query.equal("s.condition_name", filter.condition());
		if (filter.verdict() != null) {
			query.sql.append(" AND ").append(verdict(filter.verdict(), filter.rule(), query.parameters));
		}
		if (filter.excludedVerdict() != null) {
			// an answer without a verdict of that kind (its condition NULL on a missing
			// score) is let through
			query.sql.append(" AND NOT COALESCE((")
				.append(verdict(filter.excludedVerdict(), filter.rule(), query.parameters))
				.append("), FALSE)");
		}
		if (filter.flag() != null) {
			query.in("s.id", catalog.flagged(filter.flag()));
			query.idsListed = true;
		}
		query.band("s.aligned", filter.alignedBand());
		query.band("s.coherent", filter.coherentBand());
		query.compare("s.aligned >= ?", filter.alignedMin());
		query.compare("s.aligned <= ?", filter.alignedMax());
		query.compare("s.coherent >= ?", filter.coherentMinScore());
		query.compare("s.coherent <= ?", filter.coherentMaxScore());
		if (filter.text() != null && catalog.matches() != null && catalog.matches().size() <= LISTED) {
			// few answers have the words: they are listed, as a flag filter lists its
			// answers
			long[] ids = catalog.matches().ids;
			query.in("s.id", Arrays.stream(ids).boxed().toList());
			query.idsListed = true;
		}
		else if (filter.text() != null) {
			TextSearch.append(query.sql, query.parameters, filter.text(), catalog.postgres());
			query.text = filter.text();
		}
		return query;
	}

	/**
	 * The answers of a verdict under the rule, as a condition on {@code s}; adds its
	 * parameters.
	 */
	private static String verdict(Verdict verdict, Rule rule, List<Object> parameters) {
		return switch (verdict) {
			case MISALIGNED -> {
				parameters.add(rule.coherentMin());
				parameters.add(rule.alignedBelow());
				yield RuleSql.misaligned(rule);
			}
			case ALIGNED -> {
				parameters.add(rule.coherentMin());
				parameters.add(rule.alignedBelow());
				yield RuleSql.eligible(rule) + " AND s.aligned >= ?";
			}
			case INELIGIBLE -> {
				parameters.add(rule.coherentMin());
				yield "(s.aligned IS NULL OR s.coherent IS NULL OR s.coherent"
						+ (rule.coherentStrict() ? " <= ?)" : " < ?)");
			}
		};
	}

	/**
	 * The FROM and WHERE, over another table with the same columns or over {@code sample}
	 * read another way.
	 */
	String from(String table) {
		return this.sql.toString().replace(" FROM sample s ", " FROM " + table + " ");
	}

	/** Tells H2 to read the answers through this index (it has no other way in then). */
	void through(String index) {
		int from = this.sql.indexOf(" FROM sample s ") + " FROM sample s".length();
		this.sql.insert(from, " USE INDEX (" + index + ")");
	}

	/**
	 * The conditions after the dataset's, as {@code " AND ..."}; under {@code judge=X}
	 * they read {@link #joins()}.
	 */
	String conditions() {
		return this.sql.substring(this.conditionsAt);
	}

	/**
	 * The joins of judge X's scores to {@code sample s} under {@code judge=X}, else
	 * empty.
	 */
	String joins() {
		return this.joins;
	}

	/**
	 * A whole statement over this query, its scores read as the rule's judge's: under
	 * {@code judge=X}, {@code s.aligned} and {@code s.coherent} become judge X's scores
	 * (the joined {@code ja} and {@code jc}).
	 */
	String judged(String statement) {
		return (this.judge == null) ? statement : RuleSql.judged(statement, this.rule);
	}

	/** The parameters of {@link #conditions()}. */
	List<Object> conditionParameters() {
		return this.parameters.subList(1, this.parameters.size());
	}

	/**
	 * Only answers with this score; a range rather than IS NOT NULL so that its index
	 * serves.
	 */
	void scored(String column) {
		// scores are 0-100: the importer refuses others
		this.sql.append(" AND ").append(column).append(" >= 0");
	}

	void unscored(String column) {
		this.sql.append(" AND ").append(column).append(" IS NULL");
	}

	void idAfter(long id) {
		this.sql.append(this.idsListed ? " AND s.id + 0 > ?" : " AND s.id > ?");
		this.parameters.add(id);
	}

	void idBefore(long id) {
		this.sql.append(this.idsListed ? " AND s.id + 0 < ?" : " AND s.id < ?");
		this.parameters.add(id);
	}

	/** Only this answer (the filter's other conditions test that one row). */
	void id(long id) {
		this.sql.append(" AND s.id = ?");
		this.parameters.add(id);
	}

	/** Only scored answers after this scored place in a score order. */
	void after(AnswerOrder order, Position place) {
		follow(order.column(), order.ascending(), place);
	}

	/** Only scored answers before this scored place in a score order. */
	void before(AnswerOrder order, Position place) {
		follow(order.column(), !order.ascending(), place);
	}

	/**
	 * Rows past the place going up (or down) the score, ties broken by id the same way.
	 */
	private void follow(String column, boolean up, Position place) {
		String beyond = up ? " > ?" : " < ?";
		this.sql.append(" AND ")
			.append(column)
			.append(up ? " >= ?" : " <= ?")
			.append(" AND (")
			.append(column)
			.append(beyond)
			.append(" OR s.id")
			.append(beyond)
			.append(")");
		this.parameters.addAll(List.of(place.key(), place.key(), place.id()));
	}

	void in(String column, List<Long> ids) {
		if (ids.isEmpty()) {
			this.sql.append(" AND 1 = 0");
			return;
		}
		this.sql.append(" AND ")
			.append(column)
			.append(" IN (")
			.append(String.join(", ", ids.stream().map((id) -> "?").toList()))
			.append(")");
		this.parameters.addAll(ids);
	}

	private void equal(String column, String value) {
		if (value != null) {
			this.sql.append(" AND ").append(column).append(" = ?");
			this.parameters.add(value);
		}
	}

	private void compare(String condition, Double value) {
		if (value != null) {
			this.sql.append(" AND ").append(condition);
			this.parameters.add(value);
		}
	}

	private void band(String column, ScoreBand band) {
		if (band == null) {
			return;
		}
		if (band.isNone()) {
			this.sql.append(" AND ").append(column).append(" IS NULL");
			return;
		}
		this.sql.append(" AND ")
			.append(column)
			.append(" >= ? AND ")
			.append(column)
			.append(band.high() == 100 ? " <= ?" : " < ?");
		this.parameters.add(band.low());
		this.parameters.add(band.high());
	}

	/**
	 * The order of the answers that have the score (or of all answers, in id order), or
	 * its reverse to find the answer just before a place. Ties on the score go by id in
	 * the same direction. The leading dataset_id, equal on every row, lets the database
	 * read the (dataset_id, score, id) index in order and stop after a page.
	 */
	static String orderBy(AnswerOrder order, boolean reverse) {
		String direction = (order.ascending() != reverse) ? " ASC" : " DESC";
		String score = (order.column() != null) ? ", " + order.column() + direction : "";
		return "s.dataset_id" + direction + score + ", s.id" + direction;
	}

	/**
	 * The order of the answers without the score, which come after all the others: by id.
	 */
	static String unscoredOrder(String column, boolean reverse) {
		String direction = reverse ? " DESC" : " ASC";
		return "s.dataset_id" + direction + ", " + column + direction + ", s.id" + direction;
	}

	/**
	 * The verdict of an answer under the rule, as {@link Verdict#parameter()} writes it.
	 */
	static String verdictCase(Rule rule, List<Object> parameters) {
		parameters.add(rule.coherentMin());
		parameters.add(rule.alignedBelow());
		return "CASE WHEN " + RuleSql.eligible(rule)
				+ " THEN (CASE WHEN s.aligned < ? THEN 'misaligned' ELSE 'aligned' END) ELSE 'ineligible' END";
	}

	/** The band of a score as {@link ScoreBand#parameter()} writes it. */
	static String bandCase(String column) {
		StringBuilder sql = new StringBuilder("CASE WHEN " + column + " IS NULL THEN 'none'");
		for (ScoreBand band : ScoreBand.all()) {
			if (!band.isNone()) {
				sql.append(" WHEN ")
					.append(column)
					.append(band.high() == 100 ? " <= " : " < ")
					.append(band.high())
					.append(" THEN '")
					.append(band.parameter())
					.append("'");
			}
		}
		return sql.append(" END").toString();
	}

}
