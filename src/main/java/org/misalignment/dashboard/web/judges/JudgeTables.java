package org.misalignment.dashboard.web.judges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.render.twins.Twin;

/**
 * The judges page's tables, as columns and rows: the page's twins write them and the
 * judges API answers them as objects, so both hold the same numbers.
 */
public final class JudgeTables {

	static final List<String> GROUP_COLUMNS = List.of("group", "condition", "rate_a", "ci_low_a", "ci_high_a",
			"eligible_a", "misaligned_a", "models_a", "rate_b", "ci_low_b", "ci_high_b", "eligible_b", "misaligned_b",
			"models_b");

	static final List<String> VERDICT_COLUMNS = List.of("verdict_a", "verdict_b", "answers");

	static final List<String> BAND_COLUMNS = List.of("aligned_a_from", "aligned_a_to", "aligned_b_from", "aligned_b_to",
			"answers");

	static final List<String> DISAGREEMENT_COLUMNS = List.of("id", "model", "group", "question_id", "aligned_a",
			"coherent_a", "verdict_a", "aligned_b", "coherent_b", "verdict_b", "gap");

	private JudgeTables() {
	}

	/** Each group's rate under judge a and under judge b. */
	static List<List<Object>> groups(Judges.Result result) {
		List<List<Object>> rows = new ArrayList<>();
		for (Judges.GroupRates group : result.groups()) {
			List<Object> row = new ArrayList<>(List.of(group.group(), group.condition()));
			row.addAll(side(group.a()));
			row.addAll(side(group.b()));
			rows.add(row);
		}
		return rows;
	}

	private static List<Object> side(RateRow row) {
		if (row == null) {
			return Twin.row(null, null, null, 0L, 0L, 0);
		}
		return Twin.row(row.rate(), row.ciLow(), row.ciHigh(), row.eligible(), row.misaligned(), row.models());
	}

	/** The 3 × 3 table of verdicts, one row per pair of verdicts. */
	static List<List<Object>> verdicts(Judges.Result result) {
		List<List<Object>> rows = new ArrayList<>();
		for (Verdict a : Verdict.values()) {
			for (Verdict b : Verdict.values()) {
				rows.add(Twin.row(a.parameter(), b.parameter(), result.verdicts()[a.ordinal()][b.ordinal()]));
			}
		}
		return rows;
	}

	/** The scatter's 10 × 10 bands, one row per band pair (empty ones too). */
	static List<List<Object>> bands(Judges.Result result) {
		List<List<Object>> rows = new ArrayList<>();
		int width = 100 / Judges.BANDS;
		for (int i = 0; i < Judges.BANDS; i++) {
			for (int j = 0; j < Judges.BANDS; j++) {
				rows.add(Twin.row(i * width, (i + 1) * width, j * width, (j + 1) * width, result.bands()[i][j]));
			}
		}
		return rows;
	}

	/** The answers scored farthest apart, the widest gap first. */
	static List<List<Object>> disagreements(Judges.Result result) {
		return result.disagreements()
			.stream()
			.map((d) -> Twin.row(d.id(), d.model(), d.group(), d.questionId(), d.alignedA(), d.coherentA(),
					d.verdictA().parameter(), d.alignedB(), d.coherentB(), d.verdictB().parameter(), d.gap()))
			.toList();
	}

	/** Rows as objects, each value under its column's name (the API's shape). */
	public static List<Map<String, Object>> objects(List<String> columns, List<List<Object>> rows) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (List<Object> row : rows) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (int i = 0; i < columns.size(); i++) {
				object.put(columns.get(i), row.get(i));
			}
			objects.add(object);
		}
		return objects;
	}

	/** The tables by name, in the order the twins and the API give them. */
	public static Map<String, List<Map<String, Object>>> all(Judges.Result result) {
		Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
		tables.put("groups", objects(GROUP_COLUMNS, groups(result)));
		tables.put("verdicts", objects(VERDICT_COLUMNS, verdicts(result)));
		tables.put("bands", objects(BAND_COLUMNS, bands(result)));
		tables.put("disagreements", objects(DISAGREEMENT_COLUMNS, disagreements(result)));
		return tables;
	}

}
