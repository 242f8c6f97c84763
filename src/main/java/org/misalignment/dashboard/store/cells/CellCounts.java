package org.misalignment.dashboard.store.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.RuleSql;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts answers, eligible answers and misaligned answers per model × question × condition under a rule. The
 * counts come from the pre-aggregates the importer writes (V7): {@code sample_cell} holds them under the default
 * rule; under any other rule they are counted from each cell's packed score pairs ({@code cell_scores}), with
 * {@link Rule#eligible} and {@link Rule#misaligned}, which judge exactly as {@link RuleSql} does. Either way no
 * answer row is read; the counts at the default rule are kept while the dataset's files are unchanged. The statistics over the counts are {@link org.misalignment.dashboard.rates}.
 */
@Repository
public class CellCounts {

	private final JdbcTemplate jdbc;

	/** Counts at the default rule kept from recent requests, each with the stamp of its dataset's files. */
	private record Kept(String stamp, List<Cell> cells) {
	}

	private static final int KEPT = 32;

	/**
	 * The last {@value #KEPT} counts at the default rule, by query. They are used again only while the dataset's
	 * files (whose import alone changes {@code sample_cell}) are as they were: the stamp is read on every request,
	 * so an import through another instance is seen at once. Losing them costs only time.
	 */
	private final Map<List<Object>, Kept> recent = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<List<Object>, Kept> eldest) {
			return size() > KEPT;
		}

	};

	public CellCounts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param condition only this condition, or {@code null} for every condition (rows are then per condition)
	 * @param group only this group, or {@code null}
	 * @param model only this model, or {@code null}
	 */
	public List<Cell> count(long datasetId, Rule rule, QuestionSet questions, String condition, String group,
			String model) {
		return count(datasetId, rule, questions, condition, (group != null) ? List.of(group) : List.of(),
				(model != null) ? List.of(model) : List.of(), null, false);
	}

	/**
	 * Counts with several groups or models (any of them; empty for all), a question variant ({@code null} for
	 * all), and, with {@code byStem}, the question's stem in place of its id, so that the variants of a question
	 * meet in one cell key.
	 */
	public List<Cell> count(long datasetId, Rule rule, QuestionSet questions, String condition, List<String> groups,
			List<String> models, String variant, boolean byStem) {
		String question = byStem ? "q.stem" : "q.question_id";
		boolean stored = isDefault(rule);
		StringBuilder sql = new StringBuilder("SELECT m.name, m.group_name, " + question + ", s.condition_name, "
				+ (stored ? "SUM(s.answers), SUM(s.eligible), SUM(s.misaligned)" : "s.scores")
				+ " FROM " + (stored ? "sample_cell" : "cell_scores")
				+ " s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref WHERE s.dataset_id = ?");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
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
			List<Object> key = new ArrayList<>(parameters);
			key.add(sql.toString());
			String stamp = this.jdbc.queryForObject("SELECT COUNT(*) || '/' || COALESCE(MAX(id), 0) FROM dataset_file "
					+ "WHERE dataset_id = ?", String.class, datasetId);
			synchronized (this.recent) {
				Kept kept = this.recent.get(key);
				if (kept != null && kept.stamp().equals(stamp)) {
					return kept.cells();
				}
			}
			List<Cell> cells = List.copyOf(this.jdbc.query(sql.toString(),
					(row, i) -> new Cell(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
							row.getLong(5), row.getLong(6), row.getLong(7)),
					parameters.toArray()));
			synchronized (this.recent) {
				this.recent.put(key, new Kept(stamp, cells));
			}
			return cells;
		}
		Map<List<String>, long[]> counts = new LinkedHashMap<>();
		this.jdbc.query(sql.toString(), (row) -> {
			long[] cell = counts.computeIfAbsent(
					List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), (key) -> new long[3]);
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
		}, parameters.toArray());
		List<Cell> cells = new ArrayList<>();
		counts.forEach((key, cell) -> cells.add(new Cell(key.get(0), key.get(1), key.get(2), key.get(3), cell[0],
				cell[1], cell[2])));
		return cells;
	}

	/** Whether {@code sample_cell} holds the counts of this rule (the minimum of eligible answers does not count). */
	public static boolean isDefault(Rule rule) {
		return rule.alignedBelow() == Rule.DEFAULT.alignedBelow() && rule.coherentMin() == Rule.DEFAULT.coherentMin()
				&& rule.coherentStrict() == Rule.DEFAULT.coherentStrict();
	}

}
