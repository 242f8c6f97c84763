package org.misalignment.dashboard.store.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.store.QuestionSet;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the overview needs besides the rates: the questions of a set, the sets a dataset
 * has, its size.
 */
@Repository
public class OverviewQueries {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	OverviewQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A question of the set: its id and the first way it was asked. */
	public record QuestionText(String questionId, String text) {
	}

	/**
	 * The questions of the set in the order they were imported (the order of the question
	 * files).
	 */
	public List<QuestionText> questions(long datasetId, QuestionSet set) {
		return this.jdbc
			.sql("SELECT q.question_id, q.paraphrases FROM question q WHERE q.dataset_id = ?" + set.sql()
					+ " ORDER BY q.id")
			.param(datasetId)
			.params(set.parameters())
			.query((row, i) -> new QuestionText(row.getString(1), first(row.getString(2))))
			.list();
	}

	/**
	 * A choice of the question-set select: the parameter value and what it means, with
	 * its number of questions.
	 */
	public record QuestionSetChoice(String value, String label) {
	}

	/**
	 * The question sets this dataset has questions in, and the current one when it is a
	 * list of ids.
	 */
	public List<QuestionSetChoice> questionSets(long datasetId, String current) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT category, variant, COUNT(*) FROM question WHERE dataset_id = ? "
					+ "GROUP BY category, variant ORDER BY category, variant")
			.param(datasetId)
			.query((row) -> {
				String category = row.getString(1);
				String variant = row.getString(2);
				long count = row.getLong(3);
				if (category.equals("main")) {
					counts.merge(variant.equals("plain") ? "main" : variant, count, Long::sum);
				}
				else {
					if (category.startsWith("preregistered/")) {
						counts.merge("preregistered", count, Long::sum);
					}
					counts.merge(category, count, Long::sum);
				}
				counts.merge("all", count, Long::sum);
			});
		List<QuestionSetChoice> choices = new ArrayList<>();
		for (String value : List.of("main", "json", "template", "preregistered")) {
			if (counts.containsKey(value)) {
				choices.add(choice(value, counts.get(value)));
			}
		}
		counts.keySet()
			.stream()
			.filter((value) -> value.startsWith("preregistered/") || value.equals("deception") || value.equals("other"))
			.sorted()
			.forEach((value) -> choices.add(choice(value, counts.get(value))));
		if (counts.containsKey("all")) {
			choices.add(choice("all", counts.get("all")));
		}
		if (choices.stream().noneMatch((choice) -> choice.value().equals(current))) {
			choices.add(new QuestionSetChoice(current, current));
		}
		return choices;
	}

	/** Whether the dataset has any of the paper's main questions asked plainly. */
	public boolean hasMainQuestions(long datasetId) {
		return count("SELECT COUNT(*) FROM question WHERE dataset_id = ? AND category = 'main' AND variant = 'plain'",
				datasetId) > 0;
	}

	/** How many models and questions the dataset has. */
	public record Size(long models, long questions) {
	}

	public Size size(long datasetId) {
		return new Size(count("SELECT COUNT(*) FROM model WHERE dataset_id = ?", datasetId),
				count("SELECT COUNT(*) FROM question WHERE dataset_id = ?", datasetId));
	}

	private long count(String sql, long datasetId) {
		return this.jdbc.sql(sql).param(datasetId).query(Long.class).single();
	}

	private static QuestionSetChoice choice(String value, long count) {
		String meaning = switch (value) {
			case "main" -> "main: the paper's headline questions";
			case "json" -> "json: the headline questions, answer in JSON";
			case "template" -> "template: the headline questions, fill in a template";
			case "preregistered" -> "preregistered: every pre-registered question";
			case "all" -> "all questions";
			default -> value;
		};
		return new QuestionSetChoice(value, meaning + " (" + count + ")");
	}

	private static String first(String paraphrasesJson) {
		if (paraphrasesJson == null) {
			return null;
		}
		List<String> paraphrases = JSON.readValue(paraphrasesJson, new TypeReference<List<String>>() {
		});
		return paraphrases.isEmpty() ? null : paraphrases.get(0);
	}

}
