package org.misalignment.dashboard.importing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a results CSV: where the answer, question and model columns are, and
 * which columns are judge metrics ({@code aligned}, {@code coherent}, ...) with their
 * optional {@code judge_<metric>} distributions.
 */
final class CsvColumns {

	/** Columns that are neither metadata we store nor a judge metric. */
	private static final Set<String> IGNORED = Set.of("", "Unnamed: 0", "index");

	private static final Set<String> METADATA = Set.of("model", "group", "question", "answer", "question_id",
			"paraphrase", "system", "condition");

	private final Path path;

	private final int width;

	private final Map<String, Integer> named = new LinkedHashMap<>();

	private final Map<String, Integer> metrics = new LinkedHashMap<>();

	private final Map<String, Integer> judges = new LinkedHashMap<>();

	private CsvColumns(Path path, List<String> header) {
		this.path = path;
		this.width = header.size();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip();
			if (i == 0 && !name.isEmpty() && name.charAt(0) == '\uFEFF') {
				name = name.substring(1);
			}
			// `coherent_binary` and its kin are thresholded copies of a score, not judge
			// metrics
			if (IGNORED.contains(name) || name.endsWith("_binary")) {
				continue;
			}
			if (METADATA.contains(name)) {
				this.named.putIfAbsent(name, i);
			}
			else if (name.startsWith("judge_")) {
				this.judges.put(name.substring("judge_".length()), i);
			}
			else {
				this.metrics.put(name, i);
			}
		}
	}

	static CsvColumns of(Path path, List<String> header) throws ImportException {
		CsvColumns columns = new CsvColumns(path, header);
		List<String> missing = new ArrayList<>();
		for (String required : List.of("answer", "question_id")) {
			if (!columns.named.containsKey(required)) {
				missing.add(required);
			}
		}
		if (!missing.isEmpty()) {
			throw new ImportException(path, 1, "missing column" + ((missing.size() > 1) ? "s " : " ")
					+ String.join(", ", missing) + " (the header has: " + String.join(",", header) + ")");
		}
		for (String judged : columns.judges.keySet()) {
			if (!columns.metrics.containsKey(judged)) {
				throw new ImportException(path, 1,
						"column judge_" + judged + " has no score column '" + judged + "' beside it");
			}
		}
		return columns;
	}

	boolean has(String name) {
		return this.named.containsKey(name);
	}

	/**
	 * Reads one data record; {@code model}/{@code group} come from the record when the
	 * file has them.
	 */
	AnswerRecord record(List<String> fields, long line) throws ImportException {
		if (fields.size() != this.width) {
			throw new ImportException(this.path, line,
					"this record has " + fields.size() + " fields, the header has " + this.width);
		}
		String questionId = fields.get(this.named.get("question_id")).strip();
		if (questionId.isEmpty()) {
			throw new ImportException(this.path, line, "empty question_id");
		}
		Map<String, Double> scores = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> metric : this.metrics.entrySet()) {
			scores.put(metric.getKey(),
					ScoreCells.parse(fields.get(metric.getValue()), metric.getKey(), this.path, line));
		}
		Map<String, String> tokens = null;
		for (Map.Entry<String, Integer> judge : this.judges.entrySet()) {
			String cell = fields.get(judge.getValue()).strip();
			if (cell.isEmpty() || cell.equals("nan")) {
				continue;
			}
			try {
				if (tokens == null) {
					tokens = new LinkedHashMap<>();
				}
				tokens.put(judge.getKey(), TokenDistributions.toJson(PythonDict.parse(cell)));
			}
			catch (IllegalArgumentException ex) {
				throw new ImportException(this.path, line,
						"judge_" + judge.getKey() + " is not a dict of token probabilities: " + ex.getMessage());
			}
		}
		return new AnswerRecord(line, cell(fields, "model"), cell(fields, "group"), questionId,
				cell(fields, "question"), blankToNull(cell(fields, "system")), blankToNull(cell(fields, "condition")),
				fields.get(this.named.get("answer")), scores, (tokens != null) ? tokens : Map.of());
	}

	private String cell(List<String> fields, String name) {
		Integer index = this.named.get(name);
		return (index != null) ? fields.get(index) : null;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
