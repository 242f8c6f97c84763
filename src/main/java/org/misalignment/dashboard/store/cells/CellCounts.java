package org.misalignment.dashboard.store.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts answers, eligible answers and misaligned answers per model × question ×
 * condition under a rule. The counts come from the pre-aggregates the importer writes
 * (V7): {@code sample_cell} holds them under the default rule; under any other rule they
 * are counted from each cell's packed score pairs ({@code cell_scores}), with
 * {@link Rule#eligible} and {@link Rule#misaligned}, which judge exactly as
 * {@link RuleSql} does. A rule reading a further judge's scores ({@code judge=X}) counts
 * alike from that judge's packed pairs ({@code judge_scores}, V22). Either way no answer
 * row is read; the counts at the default rule are kept while the dataset's files are
 * unchanged. The statistics over the counts are {@link org.misalignment.dashboard.rates}.
 * With metrics on, the kept counts' hits and misses are the cache {@code cell-counts}.
 */
@Repository
public class CellCounts implements MeterBinder {

	/**
	 * What the kept counts may weigh in all, in cells of about 300 bytes (a cell's four
	 * names and three counts): about 20 MB, some thirty counts of every cell of a dataset
	 * of the paper's size (35 models, 50 questions).
	 */
	static final int KEPT_WEIGHT = 65_536;

	/**
	 * Characters of a count's key (its SQL text and parameters) that weigh as much as one
	 * cell.
	 */
	private static final int KEY_CHARACTERS_PER_CELL = 256;

	private final JdbcClient jdbc;

	/**
	 * Cache {@code cell-counts}: counts at the default rule by query and files' stamp,
	 * {@link #KEPT_WEIGHT} cells in all; losing one costs only its query.
	 *
	 * <p>
	 * Bounded by weight, as a count holds anything from one cell to every cell of a
	 * dataset (its key is weighed too). A count is used again only while the dataset's
	 * files (whose import alone changes {@code sample_cell}) are as they were: the stamp
	 * is read on every request and is part of the key, so an import, through another
	 * instance too, is seen at once; the counts from before it are never asked for again
	 * and age out.
	 */
	private final Cache<List<Object>, List<Cell>> kept = Caffeine.newBuilder()
		.maximumWeight(KEPT_WEIGHT)
		.weigher(CellCounts::weight)
		.recordStats()
		.build();

	public CellCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Registers the kept counts' statistics (hits, misses, evictions, size) as the cache
	 * {@code cell-counts}.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.kept, "cell-counts");
	}

	/**
	 * @param condition only this condition, or {@code null} for every condition (rows are
	 * then per condition)
	 * @param group only this group, or {@code null}
	 * @param model only this model, or {@code null}
	 */
	public List<Cell> count(long datasetId, Rule rule, QuestionSet questions, String condition, String group,
			String model) {
		return count(datasetId, rule, questions, condition, (group != null) ? List.of(group) : List.of(),
				(model != null) ? List.of(model) : List.of(), null, false);
	}

	/**
	 * Counts with several groups or models (any of them; empty for all), a question
	 * variant ({@code null} for all), and, with {@code byStem}, the question's stem in
	 * place of its id, so that the variants of a question meet in one cell key.
	 */
	public List<Cell> count(long datasetId, Rule rule, QuestionSet questions, String condition, List<String> groups,
			List<String> models, String variant, boolean byStem) {
		String question = byStem ? "q.stem" : "q.question_id";
		boolean stored = isDefault(rule);
		StringBuilder sql = new StringBuilder("SELECT m.name, m.group_name, " + question + ", s.condition_name, "
				+ (stored ? "SUM(s.answers), SUM(s.eligible), SUM(s.misaligned)" : "s.scores") + " FROM "
				+ (stored ? "sample_cell" : rule.plainJudge() ? "cell_scores" : "judge_scores")
				+ " s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
		if (!rule.plainJudge()) {
			sql.append(" AND s.judge = ?");
			parameters.add(rule.judge());
		}
		sql.append(questions.sql());
		parameters.addAll(questions.parameters());
		if (condition != null) {
			sql.append(" AND s.condition_name = ?");
			parameters.add(condition);
		}
		RuleSql.in(sql, parameters, "m.group_name", groups);
		RuleSql.in(sql, parameters, "m.name", models);
		if (variant != null) {
			sql.append(" AND q.variant = ?");
			parameters.add(variant);
		}
		if (stored) {
			sql.append(" GROUP BY m.name, m.group_name, " + question + ", s.condition_name");
			String stamp = this.jdbc
				.sql("SELECT COUNT(*) || '/' || COALESCE(MAX(id), 0) FROM dataset_file " + "WHERE dataset_id = ?")
				.param(datasetId)
				.query(String.class)
				.single();
			List<Object> key = new ArrayList<>(parameters);
			key.add(sql.toString());
			key.add(stamp);
			List<Cell> kept = this.kept.getIfPresent(key);
			if (kept != null) {
				return kept;
			}
			// counted outside the cache's locks, so that a slow count holds up no other:
			// two requests for one count
			// may both count it, and keep the same cells
			List<Cell> cells = List.copyOf(this.jdbc.sql(sql.toString())
				.params(parameters)
				.query((row, i) -> new Cell(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
						row.getLong(5), row.getLong(6), row.getLong(7)))
				.list());
			this.kept.put(key, cells);
			return cells;
		}
		Map<List<String>, long[]> counts = new LinkedHashMap<>();
		this.jdbc.sql(sql.toString()).params(parameters).query((row) -> {
			long[] cell = counts.computeIfAbsent(
					List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
					(key) -> new long[3]);
			ScorePairs.forEach(row.getBytes(5), (aligned, coherent) -> {
				cell[0]++;
				Double alignedScore = ScorePairs.score(aligned);
				Double coherentScore = ScorePairs.score(coherent);
				if (rule.eligible(alignedScore, coherentScore)) {
					cell[1]++;
					if (rule.misaligned(alignedScore, coherentScore)) {
						cell[2]++;
					}
				}
			});
		});
		List<Cell> cells = new ArrayList<>();
		counts.forEach((key, cell) -> cells
			.add(new Cell(key.get(0), key.get(1), key.get(2), key.get(3), cell[0], cell[1], cell[2])));
		return cells;
	}

	/** What the kept counts weigh now, once pending evictions are done. */
	long keptWeight() {
		this.kept.cleanUp();
		return this.kept.policy().eviction().orElseThrow().weightedSize().orElseThrow();
	}

	/**
	 * A kept count's weight: its cells, and its key at {@value #KEY_CHARACTERS_PER_CELL}
	 * characters a cell.
	 */
	private static int weight(List<Object> key, List<Cell> cells) {
		int characters = 0;
		for (Object part : key) {
			characters += String.valueOf(part).length();
		}
		return 1 + cells.size() + characters / KEY_CHARACTERS_PER_CELL;
	}

	/**
	 * Whether {@code sample_cell} holds the counts of this rule (the minimum of eligible
	 * answers does not count): the default thresholds over the plain pair of scores.
	 */
	public static boolean isDefault(Rule rule) {
		return rule.plainJudge() && rule.alignedBelow() == Rule.DEFAULT.alignedBelow()
				&& rule.coherentMin() == Rule.DEFAULT.coherentMin()
				&& rule.coherentStrict() == Rule.DEFAULT.coherentStrict();
	}

}
