package org.misalignment.dashboard.web.overview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.store.catalog.OverviewQueries;

/**
 * The question × group matrix: one line per question of the set (in the site's question
 * order), one column per group, or per group and condition where a group was asked under
 * several conditions. Each cell holds the group's rate on the question, its n and a link
 * to the answers behind it.
 */
public record RateMatrix(List<Column> columns, List<Line> lines) {

	private static final Comparator<String> CONDITION_ORDER = Comparator.nullsLast(Comparator.naturalOrder());

	/**
	 * A column: a group, and its condition ({@code showCondition} when the group has
	 * several).
	 */
	public record Column(String group, String condition, boolean showCondition) {
	}

	/** A question and its cells, one per column. */
	public record Line(String questionId, String text, String exploreUrl, List<Entry> cells) {
	}

	/** A cell; {@code row} is null where the group has no answer to the question. */
	public record Entry(Column column, RateRow row, String shade, String answersUrl, String title) {

		public boolean empty() {
			return this.row == null;
		}

	}

	static RateMatrix of(List<RateRow> perQuestion, List<OverviewQueries.QuestionText> questions,
			Comparator<String> order, OverviewLinks links) {
		Map<String, Set<String>> conditionsByGroup = new LinkedHashMap<>();
		Map<Key, RateRow> byKey = new HashMap<>();
		for (RateRow row : perQuestion) {
			conditionsByGroup.computeIfAbsent(row.group(), (g) -> new TreeSet<>(CONDITION_ORDER)).add(row.condition());
			byKey.put(key(row.questionId(), row.group(), row.condition()), row);
		}
		List<Column> columns = new ArrayList<>();
		conditionsByGroup.forEach((group, conditions) -> conditions
			.forEach((condition) -> columns.add(new Column(group, condition, conditions.size() > 1))));
		Set<String> ordered = new LinkedHashSet<>();
		Map<String, String> texts = new HashMap<>();
		for (OverviewQueries.QuestionText question : questions) {
			ordered.add(question.questionId());
			texts.put(question.questionId(), question.text());
		}
		perQuestion.forEach((row) -> ordered.add(row.questionId()));
		List<Line> lines = new ArrayList<>();
		for (String questionId : ordered.stream().sorted(order).toList()) {
			List<Entry> cells = new ArrayList<>();
			for (Column column : columns) {
				RateRow row = byKey.get(key(questionId, column.group(), column.condition()));
				cells.add(new Entry(column, row, RateShade.of(row == null ? null : row.rate()),
						row == null ? null : links.answers(questionId, column.group(), column.condition()),
						row == null ? null : title(questionId, column, row)));
			}
			lines.add(new Line(questionId, texts.get(questionId), links.explore(questionId), cells));
		}
		return new RateMatrix(columns, lines);
	}

	public boolean isEmpty() {
		return this.columns.isEmpty();
	}

	private static String title(String questionId, Column column, RateRow row) {
		return column.group() + (column.condition() != null ? " (" + column.condition() + ")" : "") + " on "
				+ questionId + ": " + row.misaligned() + " misaligned of " + row.eligible() + " eligible answers; "
				+ row.models() + (row.models() == 1 ? " model" : " models") + " counted";
	}

	private record Key(String questionId, String group, String condition) {
	}

	private static Key key(String questionId, String group, String condition) {
		return new Key(questionId, group, condition);
	}

}
