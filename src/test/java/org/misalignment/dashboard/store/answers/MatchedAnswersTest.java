package org.misalignment.dashboard.store.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.answers.MatchedAnswers.Answer;
import org.misalignment.dashboard.store.answers.MatchedAnswers.Pair;
import org.misalignment.dashboard.store.answers.MatchedAnswers.Side;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matched answers of the compare page, read from the index by question and model ids
 * with the texts of the pairs shown only, are those the former single query (every
 * answer's row, joined with its model and question) found: the same pairs in the same
 * order with the same texts and scores, on the demo (same context as DemoOnFirstRunTest),
 * for several seeds, rules, slices and questions.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
class MatchedAnswersTest {

	private static final List<Rule> RULES = List.of(Rule.DEFAULT, new Rule(50, 30, true, 1), new Rule(10, 80, false, 3),
			new Rule(100, 0, false, 1));

	private static final List<Long> SEEDS = List.of(0L, 1L, 2L, 7L, 12_345L, -3L);

	@Autowired
	private MatchedAnswers matchedAnswers;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theTwoStepReadFindsWhatTheFormerQueryFound() {
		long datasetId = this.jdbc.sql("SELECT id FROM dataset WHERE slug = 'demo'").query(Long.class).single();
		Side backdoor = new Side(List.of("backdoor"), List.of(), "no_trigger", null);
		Side triggered = new Side(List.of("backdoor"), List.of(), "trigger", null);
		Side secure = new Side(List.of("secure"), List.of(), "no_trigger", null);
		Side insecure = new Side(List.of("insecure"), List.of(), "no_trigger", null);
		Side someModels = new Side(List.of(), List.of("insecure-1", "insecure-3", "backdoor-2", "none"), "no_trigger",
				null);
		Side twoGroups = new Side(List.of("insecure", "backdoor"), List.of("backdoor-2", "insecure-4"), "no_trigger",
				null);
		Side anyTriggered = new Side(List.of(), List.of(), "trigger", null);
		Side plain = new Side(List.of("insecure"), List.of(), "no_trigger", "plain");
		Side json = new Side(List.of("insecure"), List.of(), "no_trigger", "json");
		Side nothing = new Side(List.of("no such group"), List.of(), "no_trigger", null);
		List<Side[]> slices = List.of(new Side[] { backdoor, triggered }, new Side[] { secure, insecure },
				new Side[] { someModels, anyTriggered }, new Side[] { twoGroups, backdoor }, new Side[] { plain, json },
				new Side[] { nothing, insecure });
		List<String> questions = this.jdbc.sql("SELECT question_id FROM question WHERE dataset_id = ? ORDER BY id")
			.param(datasetId)
			.query(String.class)
			.list();
		int compared = 0;
		int pairs = 0;
		for (int i = 0; i < 60; i++) {
			Side[] slice = slices.get(i % slices.size());
			Rule rule = RULES.get(i % RULES.size());
			long seed = SEEDS.get((i / 2) % SEEDS.size());
			boolean byStem = slice[0].variant() != null || i % 5 == 0;
			String question = questions.get((i * 7) % questions.size());
			if (byStem) {
				question = question.replace("_json", "").replace("_template", "");
			}
			else if (i % 11 == 0) {
				question = "no such question";
			}
			boolean discordant = i % 3 == 0;
			int limit = List.of(6, 1, 40, 1000).get(i % 4);
			List<Pair> expected = formerPairs(datasetId, slice[0], slice[1], question, byStem, rule, seed, discordant,
					limit);
			assertThat(this.matchedAnswers.pairs(datasetId, slice[0], slice[1], question, byStem, rule, seed,
					discordant, limit))
				.as("case %d: %s, seed %d, %s", i, question, seed, rule)
				.isEqualTo(expected);
			compared++;
			pairs += expected.size();
		}
		assertThat(compared).isEqualTo(60);
		assertThat(pairs).as("pairs compared").isGreaterThan(400);
	}

	/** The former read: one query per side, every answer's row with its text. */
	private List<Pair> formerPairs(long datasetId, Side a, Side b, String question, boolean byStem, Rule rule,
			long seed, boolean discordant, int limit) {
		Map<String, List<Answer>> sideA = formerSide(datasetId, a, question, byStem, rule, seed);
		Map<String, List<Answer>> sideB = formerSide(datasetId, b, question, byStem, rule, seed);
		List<Pair> pairs = new ArrayList<>();
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

	private Map<String, List<Answer>> formerSide(long datasetId, Side slice, String question, boolean byStem, Rule rule,
			long seed) {
		StringBuilder sql = new StringBuilder("SELECT s.id, m.name, txt.answer, s.aligned, s.coherent, " + "CASE WHEN "
				+ RuleSql.misaligned(rule) + " THEN 1 ELSE 0 END "
				+ "FROM sample s JOIN answer_text txt ON txt.sample_id = s.id JOIN model m ON m.id = s.model_id "
				+ "JOIN question q ON q.id = s.question_ref WHERE s.dataset_id = ? AND s.condition_name = ? AND "
				+ (byStem ? "q.stem" : "q.question_id") + " = ?");
		List<Object> parameters = new ArrayList<>(
				List.of(rule.coherentMin(), rule.alignedBelow(), datasetId, slice.condition(), question));
		if (slice.variant() != null) {
			sql.append(" AND q.variant = ?");
			parameters.add(slice.variant());
		}
		RuleSql.in(sql, parameters, "m.group_name", slice.groups());
		RuleSql.in(sql, parameters, "m.name", slice.models());
		sql.append(" ORDER BY MOD(s.id * ?, CAST(100003 AS BIGINT)), s.id LIMIT 400");
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
