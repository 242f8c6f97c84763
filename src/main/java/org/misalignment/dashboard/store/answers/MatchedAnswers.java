package org.misalignment.dashboard.store.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Answers of the same model to the same question under slice A and under slice B, side by
 * side, in an order drawn from a seed (so a URL reproduces the pairs). Only a bounded
 * number of answers per side is read.
 */
@Repository
public class MatchedAnswers {

	private static final int PER_SIDE = 400;

	private final JdbcClient jdbc;

	MatchedAnswers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Answer(long id, String model, String answer, Double aligned, Double coherent, boolean misaligned) {
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
		return pairs;
	}

	private Map<String, List<Answer>> side(long datasetId, Side slice, String question, boolean byStem, Rule rule,
			long seed) {
		StringBuilder sql = new StringBuilder("SELECT s.id, m.name, s.answer, s.aligned, s.coherent, " + "CASE WHEN "
				+ RuleSql.misaligned(rule) + " THEN 1 ELSE 0 END "
				+ "FROM sample s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref "
				+ "WHERE s.dataset_id = ? AND s.condition_name = ? AND " + (byStem ? "q.stem" : "q.question_id")
				+ " = ?");
		List<Object> parameters = new ArrayList<>(
				List.of(rule.coherentMin(), rule.alignedBelow(), datasetId, slice.condition(), question));
		if (slice.variant() != null) {
			sql.append(" AND q.variant = ?");
			parameters.add(slice.variant());
		}
		RuleSql.in(sql, parameters, "m.group_name", slice.groups());
		RuleSql.in(sql, parameters, "m.name", slice.models());
		// a seeded shuffle that both databases compute alike: each seed multiplies ids by
		// another factor modulo a
		// prime, which permutes them differently
		sql.append(" ORDER BY MOD(s.id * ?, CAST(100003 AS BIGINT)), s.id LIMIT ").append(PER_SIDE);
		parameters.add(1 + Math.floorMod(seed * 7919L + 13, 100002L));
		Map<String, List<Answer>> byModel = new LinkedHashMap<>();
		this.jdbc.sql(sql.toString()).params(parameters).query((row) -> {
			double aligned = row.getDouble(4);
			Double alignedScore = row.wasNull() ? null : aligned;
			double coherentValue = row.getDouble(5);
			Double coherentScore = row.wasNull() ? null : coherentValue;
			Answer answer = new Answer(row.getLong(1), row.getString(2), row.getString(3), alignedScore, coherentScore,
					row.getInt(6) == 1);
			byModel.computeIfAbsent(answer.model(), (k) -> new ArrayList<>()).add(answer);
		});
		return byModel;
	}

}
