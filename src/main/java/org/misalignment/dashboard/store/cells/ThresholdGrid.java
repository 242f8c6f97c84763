package org.misalignment.dashboard.store.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.store.QuestionSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every cell's counts at every threshold pair on multiples of 10 (aligned_below and
 * coherent_min 0, 10, … 100, coherence counted from its threshold up), exactly, from
 * three queries however many answers there are: the stored band counts
 * ({@code sample_cell.bands}, {@link CellBands}) decide every threshold below 100; the
 * answers with a score of exactly 100, the one value a band holds with lower ones, are
 * counted on the covering indexes by aligned and by coherent score.
 */
@Repository
public class ThresholdGrid {

	/** The thresholds of the grid: 0, 10, … 100. */
	public static final List<Integer> STEPS = List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);

	/** Slot of {@link Banded#alignedTop} for answers whose coherent score is 100 too. */
	static final int TOP = ScoreBand.SLOTS;

	private final JdbcClient jdbc;

	public ThresholdGrid(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One model × question × condition with its answers per band pair.
	 *
	 * @param bands answers per aligned band × coherent band ({@link CellBands})
	 * @param alignedTop answers with aligned = 100 per coherent slot (0-9 bands, 10 none,
	 * {@link #TOP} coherent = 100 as well)
	 * @param coherentTop answers with coherent = 100 per aligned slot (0-9 bands, 10
	 * none)
	 */
	public record Banded(String model, String group, String questionId, String condition, int[] bands, int[] alignedTop,
			int[] coherentTop) {

		/**
		 * The cell's counts under aligned &lt; {@code alignedBelow} among answers with
		 * coherent ≥ {@code coherentMin}, both one of {@link #STEPS}.
		 */
		public Cell at(int alignedBelow, int coherentMin) {
			check(alignedBelow);
			check(coherentMin);
			long answers = 0;
			for (int count : this.bands) {
				answers += count;
			}
			int none = ScoreBand.SLOTS - 1;
			long eligible = 0;
			long misaligned = 0;
			if (coherentMin < 100) {
				for (int a = 0; a < none; a++) {
					for (int c = coherentMin / 10; c < none; c++) {
						int count = this.bands[a * ScoreBand.SLOTS + c];
						eligible += count;
						if (alignedBelow < 100 && a < alignedBelow / 10) {
							misaligned += count;
						}
					}
				}
				if (alignedBelow == 100) {
					long top = 0;
					for (int c = coherentMin / 10; c < none; c++) {
						top += this.alignedTop[c];
					}
					misaligned = eligible - top;
				}
			}
			else {
				for (int a = 0; a < none; a++) {
					eligible += this.coherentTop[a];
					if (alignedBelow < 100 && a < alignedBelow / 10) {
						misaligned += this.coherentTop[a];
					}
				}
				if (alignedBelow == 100) {
					misaligned = eligible - this.alignedTop[TOP];
				}
			}
			return new Cell(this.model, this.group, this.questionId, this.condition, answers, eligible, misaligned);
		}

		private static void check(int threshold) {
			if (!STEPS.contains(threshold)) {
				throw new IllegalArgumentException("a grid threshold is a multiple of 10 from 0 to 100");
			}
		}

	}

	/**
	 * The dataset's cells on a question set, each with its band counts.
	 * @param condition only this condition, or null for every condition
	 */
	public List<Banded> cells(long datasetId, QuestionSet questions, String condition) {
		String where = " WHERE s.dataset_id = ?" + questions.sql()
				+ ((condition != null) ? " AND s.condition_name = ?" : "");
		List<Object> parameters = new ArrayList<>(List.of(datasetId));
		parameters.addAll(questions.parameters());
		if (condition != null) {
			parameters.add(condition);
		}
		String joins = " s JOIN model m ON m.id = s.model_id JOIN question q ON q.id = s.question_ref";
		String key = "m.name, m.group_name, q.question_id, s.condition_name";
		Map<List<String>, Banded> cells = new LinkedHashMap<>();
		this.jdbc.sql("SELECT " + key + ", s.bands FROM sample_cell" + joins + where)
			.params(parameters)
			.query((row) -> {
				List<String> id = List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
				Banded cell = cells.computeIfAbsent(id, (k) -> new Banded(k.get(0), k.get(1), k.get(2), k.get(3),
						new int[CellBands.SIZE], new int[ScoreBand.SLOTS + 1], new int[ScoreBand.SLOTS]));
				CellBands.add(cell.bands(), CellBands.unpack(row.getBytes(5)));
			});
		top(cells, "aligned", "coherent", joins, key, where, parameters, true);
		top(cells, "coherent", "aligned", joins, key, where, parameters, false);
		return new ArrayList<>(cells.values());
	}

	/**
	 * Counts the answers whose {@code score} is 100, per cell and slot of {@code other}.
	 */
	private void top(Map<List<String>, Banded> cells, String score, String other, String joins, String key,
			String where, List<Object> parameters, boolean aligned) {
		String slot = slotSql("s." + other);
		this.jdbc
			.sql("SELECT " + key + ", " + slot + ", COUNT(*) FROM sample" + joins + where + " AND s." + score
					+ " >= 100 GROUP BY " + key + ", " + slot)
			.params(parameters)
			.query((row) -> {
				Banded cell = cells
					.get(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
				if (cell == null) {
					return;
				}
				int at = row.getInt(5);
				int count = row.getInt(6);
				if (aligned) {
					cell.alignedTop()[at] += count;
					if (at == TOP) {
						// coherent = 100 lies in the band 90-100 as well
						cell.alignedTop()[9] += count;
					}
				}
				else {
					cell.coherentTop()[(at == TOP) ? 9 : at] += count;
				}
			});
	}

	/**
	 * A score's slot in SQL: 0-9 its band, 10 none, {@link #TOP} exactly 100; by
	 * comparisons, as {@link ScoreBand#slot(double)} decides.
	 */
	static String slotSql(String column) {
		StringBuilder sql = new StringBuilder(
				"CASE WHEN " + column + " IS NULL THEN 10 WHEN " + column + " >= 100 THEN " + TOP);
		for (int band = 9; band >= 1; band--) {
			sql.append(" WHEN ").append(column).append(" >= ").append(band * 10).append(" THEN ").append(band);
		}
		return sql.append(" ELSE 0 END").toString();
	}

}
