package org.misalignment.dashboard.store.answers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.Database;
import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Answers of the same model to the same question under slice A and under slice B, side by
 * side, in an order drawn from a seed (so a URL reproduces the pairs). Only a bounded
 * number of answers per side is read, from the index alone, and the texts of the pairs
 * shown only.
 */
@Repository
public class MatchedAnswers {

	private static final int PER_SIDE = 400;

	private final JdbcClient jdbc;

	private final Database database;

	MatchedAnswers(JdbcClient jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	public record Answer(long id, String model, String answer, Double aligned, Double coherent, boolean misaligned) {

		Answer withText(String text) {
			return new Answer(this.id, this.model, text, this.aligned, this.coherent, this.misaligned);
		}

	}

	/**
	 * One side of the comparison: its groups and models (empty for any), its condition
	 * and variant (null for any).
	 */
	public record Side(List<String> groups, List<String> models, String condition, String variant) {
	}

	public record Pair(String model, Answer a, Answer b) {

		boolean discordant() {
			return this.a.misaligned() != this.b.misaligned();
		}

	}

	/**
	 * @param question a question id, or a stem when {@code byStem}
	 * @param discordant only pairs where exactly one side is misaligned
	 */
	public List<Pair> pairs(long datasetId, Side a, Side b, String question, boolean byStem, Rule rule, long seed,
			boolean discordant, int limit) {
		Map<String, List<Answer>> sideA = side(datasetId, a, question, byStem, rule, seed);
		Map<String, List<Answer>> sideB = side(datasetId, b, question, byStem, rule, seed);
		List<Pair> pairs = new ArrayList<>();
		// one pair per model in turn, so that every model shows before any shows twice
		for (int round = 0; pairs.size() < limit; round++) {
			boolean any = false;
			for (Map.Entry<String, List<Answer>> model : sideA.entrySet()) {
				List<Answer> others = sideB.get(model.getKey());
				if (others == null || round >= model.getValue().size() || round >= others.size()) {
					continue;
				}
				any = true;
				Pair pair = new Pair(model.getKey(), model.getValue().get(round), others.get(round));
				if ((!discordant || pair.discordant()) && pairs.size() < limit) {
					pairs.add(pair);
				}
			}
			if (!any) {
				break;
			}
		}
		return withTexts(pairs);
	}

	/**
	 * One side's first {@value #PER_SIDE} answers in the seed's order, grouped by model
	 * (in the order of each model's first answer), without their texts. The question and
	 * model tables are small, so their ids are resolved first and the answers found by
	 * them: on H2 through the index by question, which holds every column read here, so
	 * no answer's row is read (left to itself H2 reads every answer of the dataset).
	 */
	private Map<String, List<Answer>> side(long datasetId, Side slice, String question, boolean byStem, Rule rule,
			long seed) {
		List<Long> questions = questionIds(datasetId, question, byStem, slice.variant());
		Map<Long, String> models = models(datasetId, slice);
		Map<String, List<Answer>> byModel = new LinkedHashMap<>();
		if (questions.isEmpty() || models.isEmpty()) {
			return byModel;
		}
		StringBuilder sql = new StringBuilder("SELECT s.id, s.model_id, s.aligned, s.coherent, CASE WHEN "
				+ RuleSql.misaligned(rule) + " THEN 1 ELSE 0 END FROM "
				+ (this.database.postgres() ? "sample s" : "sample s USE INDEX (ix_sample_by_question)")
				+ RuleSql.judgeJoins(rule) + " WHERE s.dataset_id = ? AND s.condition_name = ?"
				+ RuleSql.judgeScored(rule));
		List<Object> parameters = new ArrayList<>(
				List.of(rule.coherentMin(), rule.alignedBelow(), datasetId, slice.condition()));
		in(sql, parameters, "s.question_ref", questions);
		if (!slice.groups().isEmpty() || !slice.models().isEmpty()) {
			in(sql, parameters, "s.model_id", models.keySet());
		}
		// a seeded shuffle that both databases compute alike: each seed multiplies ids by
		// another factor modulo a prime, which permutes them differently
		sql.append(" ORDER BY MOD(s.id * ?, CAST(100003 AS BIGINT)), s.id LIMIT ").append(PER_SIDE);
		parameters.add(1 + Math.floorMod(seed * 7919L + 13, 100002L));
		this.jdbc.sql(RuleSql.judged(sql.toString(), rule)).params(parameters).query((row) -> {
			double aligned = row.getDouble(3);
			Double alignedScore = row.wasNull() ? null : aligned;
			double coherentValue = row.getDouble(4);
			Double coherentScore = row.wasNull() ? null : coherentValue;
			Answer answer = new Answer(row.getLong(1), models.get(row.getLong(2)), null, alignedScore, coherentScore,
					row.getInt(5) == 1);
			byModel.computeIfAbsent(answer.model(), (k) -> new ArrayList<>()).add(answer);
		});
		return byModel;
	}

	/** The row ids of the question, or of the stem's questions, of the variant if any. */
	private List<Long> questionIds(long datasetId, String question, boolean byStem, String variant) {
		StringBuilder sql = new StringBuilder("SELECT id FROM question WHERE dataset_id = ? AND ")
			.append(byStem ? "stem" : "question_id")
			.append(" = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId, question));
		if (variant != null) {
			sql.append(" AND variant = ?");
			parameters.add(variant);
		}
		return this.jdbc.sql(sql.toString()).params(parameters).query(Long.class).list();
	}

	/** The side's models (all of the dataset's when it names none): name by row id. */
	private Map<Long, String> models(long datasetId, Side slice) {
		StringBuilder sql = new StringBuilder("SELECT id, name FROM model WHERE dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
		RuleSql.in(sql, parameters, "group_name", slice.groups());
		RuleSql.in(sql, parameters, "name", slice.models());
		Map<Long, String> models = new HashMap<>();
		this.jdbc.sql(sql.toString()).params(parameters).query((row) -> {
			models.put(row.getLong(1), row.getString(2));
		});
		return models;
	}

	/** The pairs with their answers' texts, read in one query by id. */
	private List<Pair> withTexts(List<Pair> pairs) {
		if (pairs.isEmpty()) {
			return pairs;
		}
		Set<Long> ids = new LinkedHashSet<>();
		for (Pair pair : pairs) {
			ids.add(pair.a().id());
			ids.add(pair.b().id());
		}
		StringBuilder sql = new StringBuilder("SELECT sample_id, answer FROM answer_text WHERE 1 = 1");
		List<Object> parameters = new ArrayList<>();
		in(sql, parameters, "sample_id", ids);
		Map<Long, String> texts = new HashMap<>();
		this.jdbc.sql(sql.toString()).params(parameters).query((row) -> {
			texts.put(row.getLong(1), row.getString(2));
		});
		return pairs.stream()
			.map((pair) -> new Pair(pair.model(), pair.a().withText(texts.get(pair.a().id())),
					pair.b().withText(texts.get(pair.b().id()))))
			.toList();
	}

	/** Appends {@code AND column IN (?, …)} with these ids. */
	private static void in(StringBuilder sql, List<Object> parameters, String column, Collection<Long> ids) {
		sql.append(" AND ")
			.append(column)
			.append(" IN (")
			.append(String.join(", ", Collections.nCopies(ids.size(), "?")))
			.append(")");
		parameters.addAll(ids);
	}

}
