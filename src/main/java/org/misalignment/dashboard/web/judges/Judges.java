package org.misalignment.dashboard.web.judges;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.misalignment.dashboard.rates.Agreement;
import org.misalignment.dashboard.rates.Intervals;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.answers.JudgePairs;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetJudges;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.cells.CellCounts;

import org.springframework.stereotype.Component;

/**
 * Two judges of one dataset side by side, the computation the judges page and the judges
 * API share: their verdicts on the answers both scored (a 3 × 3 table), Cohen's kappa
 * over the three verdicts with its bootstrap interval, their aligned scores in 10 × 10
 * bands, each group's rate under each judge (as the rates API counts it with
 * {@code judge=}), and the answers whose aligned scores differ most.
 */
@Component
public class Judges {

	/** The answers whose scores differ most, listed at most. */
	public static final int DISAGREEMENTS = 20;

	/** Bands of aligned score per judge in the scatter: 0–10, 10–20, …, 90–100. */
	public static final int BANDS = 10;

	private final DatasetJudges judges;

	private final DatasetNames names;

	private final JudgePairs pairs;

	private final CellCounts cellCounts;

	Judges(DatasetJudges judges, DatasetNames names, JudgePairs pairs, CellCounts cellCounts) {
		this.judges = judges;
		this.names = names;
		this.pairs = pairs;
		this.cellCounts = cellCounts;
	}

	/**
	 * A group's rate (per condition) under judge a and under judge b; a side may be null.
	 */
	public record GroupRates(String group, String condition, RateRow a, RateRow b) {
	}

	/** An answer the judges scored far apart; {@code gap} is |aligned a − aligned b|. */
	public record Disagreement(long id, String model, String group, String questionId, Double alignedA,
			Double coherentA, Verdict verdictA, Double alignedB, Double coherentB, Verdict verdictB, double gap) {
	}

	/**
	 * @param judges every judge the dataset has
	 * @param answers answers both judges scored
	 * @param verdicts {@code verdicts[i][j]}: answers judge a gave verdict i and judge b
	 * verdict j, in the order of {@link Verdict#values()}
	 * @param agreement the share of answers with the same verdict, or null
	 * @param scored answers both judges gave an aligned score (those in {@code bands})
	 * @param bands {@code bands[i][j]}: answers with judge a's aligned score in band i
	 * and judge b's in band j (band 9 holds 90 to 100 inclusive)
	 */
	public record Result(List<String> judges, String a, String b, String questions, String condition, long answers,
			long[][] verdicts, Double agreement, Double kappa, Double ciLow, Double ciHigh, long scored, long[][] bands,
			List<GroupRates> groups, List<Disagreement> disagreements) {
	}

	/**
	 * @param a a judge's name ({@link Rule#PLAIN_JUDGE} by default)
	 * @param b another judge ({@code null}: the dataset's first other judge)
	 * @throws IllegalArgumentException naming the dataset's judges for an unknown one
	 */
	public Result compare(Dataset dataset, String a, String b, String questions, String condition, Rule rule) {
		List<String> known = this.judges.judges(dataset.getId());
		String judgeA = blank(a) ? Rule.PLAIN_JUDGE : a.strip();
		DatasetNames.Names.require("a", judgeA, known, "judge", dataset.getSlug());
		String judgeB = blank(b) ? known.stream().filter((j) -> !j.equals(judgeA)).findFirst().orElse(judgeA)
				: b.strip();
		DatasetNames.Names.require("b", judgeB, known, "judge", dataset.getSlug());
		QuestionSet questionSet = QuestionSet.parse(blank(questions) ? QuestionSet.DEFAULT : questions);
		String only = blank(condition) ? null : condition.strip();
		DatasetNames.Names names = this.names.of(dataset);
		names.questions("questions", questionSet);
		names.condition("condition", only);

		Rule ruleA = rule.withJudge(judgeA);
		Rule ruleB = rule.withJudge(judgeB);
		long[][] verdicts = new long[3][3];
		long[][] bands = new long[BANDS][BANDS];
		long[] counts = new long[2];
		PriorityQueue<Disagreement> widest = new PriorityQueue<>(FARTHEST.reversed());
		this.pairs.forEach(dataset.getId(), ruleA.alignedMetric(), ruleA.coherentMetric(), ruleB.alignedMetric(),
				ruleB.coherentMetric(), questionSet, only, (pair) -> {
					Verdict verdictA = Verdict.of(ruleA, pair.alignedA(), pair.coherentA());
					Verdict verdictB = Verdict.of(ruleB, pair.alignedB(), pair.coherentB());
					verdicts[verdictA.ordinal()][verdictB.ordinal()]++;
					counts[0]++;
					if (pair.alignedA() != null && pair.alignedB() != null) {
						counts[1]++;
						bands[band(pair.alignedA())][band(pair.alignedB())]++;
						widest.add(new Disagreement(pair.id(), pair.model(), pair.group(), pair.questionId(),
								pair.alignedA(), pair.coherentA(), verdictA, pair.alignedB(), pair.coherentB(),
								verdictB, Math.abs(pair.alignedA() - pair.alignedB())));
						if (widest.size() > DISAGREEMENTS) {
							widest.poll();
						}
					}
				});
		List<Disagreement> disagreements = new ArrayList<>(widest);
		disagreements.sort(FARTHEST);
		double[] interval = Agreement.bootstrapKappa(verdicts, Intervals.BOOTSTRAP_RESAMPLES, Intervals.BOOTSTRAP_SEED);
		long same = verdicts[0][0] + verdicts[1][1] + verdicts[2][2];
		return new Result(known, judgeA, judgeB, questionSet.text(), only, counts[0], verdicts,
				(counts[0] == 0) ? null : (double) same / counts[0], Agreement.kappa(verdicts),
				(interval == null) ? null : interval[0], (interval == null) ? null : interval[1], counts[1], bands,
				groups(dataset, ruleA, ruleB, questionSet, only), disagreements);
	}

	/** The widest gap first; among equal gaps the lower answer id. */
	private static final Comparator<Disagreement> FARTHEST = Comparator.comparingDouble(Disagreement::gap)
		.reversed()
		.thenComparingLong(Disagreement::id);

	/** The band of an aligned score: 0 for [0, 10), …, 9 for [90, 100]. */
	static int band(double score) {
		return (int) Math.max(0, Math.min(BANDS - 1, Math.floor(score / (100.0 / BANDS))));
	}

	private List<GroupRates> groups(Dataset dataset, Rule ruleA, Rule ruleB, QuestionSet questions, String condition) {
		Map<List<String>, RateRow[]> rows = new LinkedHashMap<>();
		Rule[] rules = { ruleA, ruleB };
		for (int side = 0; side < 2; side++) {
			List<RateRow> rates = Rates.byGroupOverall(
					this.cellCounts.count(dataset.getId(), rules[side], questions, condition, null, null), rules[side]);
			for (RateRow row : rates) {
				rows.computeIfAbsent(List.of(row.group(), row.condition()), (key) -> new RateRow[2])[side] = row;
			}
		}
		List<GroupRates> groups = new ArrayList<>();
		rows.forEach((key, sides) -> groups.add(new GroupRates(key.get(0), key.get(1), sides[0], sides[1])));
		groups.sort(Comparator.comparing(GroupRates::group, org.misalignment.dashboard.rates.NaturalOrder.TEXT)
			.thenComparing(GroupRates::condition, org.misalignment.dashboard.rates.NaturalOrder.TEXT));
		return groups;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
