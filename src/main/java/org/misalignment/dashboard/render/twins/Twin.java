package org.misalignment.dashboard.render.twins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * The data behind a page, for its {@code .json} and {@code .csv} twins: what the page is
 * about (dataset, rule, the view's parameters) and its tables, the first being the main
 * one. A page's record builds it ({@link TwinSource}) from the same components its
 * template reads, so a twin can never disagree with its page.
 */
public final class Twin {

	/** The columns of a table of rate rows, named as in the JSON API's rates. */
	public static final List<String> RATE_COLUMNS = List.of("group", "model", "question_id", "condition", "answers",
			"eligible", "misaligned", "rate", "ci_low", "ci_high", "models", "questions");

	private final String name;

	private String slug;

	private final Map<String, Object> about = new LinkedHashMap<>();

	private final List<Table> tables = new ArrayList<>();

	private Twin(String name) {
		this.name = name;
	}

	/**
	 * The twin of a page.
	 * @param name what the page shows, for the file name ({@code demo-answers.csv})
	 */
	public static Twin of(String name, Dataset dataset, Rule rule) {
		Twin twin = new Twin(name);
		twin.about.put("page", name);
		if (dataset != null) {
			twin.slug = dataset.getSlug();
			twin.about.put("dataset", DatasetBrief.of(dataset));
		}
		if (rule != null) {
			twin.about.put("rule", RuleJson.of(rule));
		}
		return twin;
	}

	/** Adds a field to what the JSON twin says about the page. */
	public Twin about(String key, Object value) {
		this.about.put(key, value);
		return this;
	}

	public Twin table(Table table) {
		this.tables.add(table);
		return this;
	}

	public Twin table(String tableName, List<String> columns, List<List<Object>> rows) {
		return table(Table.of(tableName, columns, rows));
	}

	/**
	 * A table of rate rows with the API's column names; fields that do not apply are
	 * empty.
	 */
	public Twin rates(String tableName, List<RateRow> rows) {
		return table(tableName, RATE_COLUMNS, rows.stream().map(Twin::rateCells).toList());
	}

	/** A rate row's values in the order of {@link #RATE_COLUMNS}. */
	public static List<Object> rateCells(RateRow row) {
		return Arrays.asList(row.group(), row.model(), row.questionId(), row.condition(), row.answers(), row.eligible(),
				row.misaligned(), row.rate(), row.ciLow(), row.ciHigh(), row.models(), row.questions());
	}

	/** One row of values, nulls allowed. */
	public static List<Object> row(Object... values) {
		return Arrays.asList(values);
	}

	String name() {
		return this.name;
	}

	Map<String, Object> about() {
		return this.about;
	}

	List<Table> tables() {
		return this.tables;
	}

	/** The table of that name, or the main one when {@code tableName} is null. */
	Table chosen(String tableName) {
		if (tableName == null || tableName.isBlank()) {
			return this.tables.get(0);
		}
		return this.tables.stream()
			.filter((table) -> table.name().equals(tableName.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("table must be one of "
					+ String.join(", ", this.tables.stream().map(Table::name).toList()) + ", got '" + tableName + "'"));
	}

	/** The dataset's slug, for file names; null for a twin about no dataset. */
	String slug() {
		return this.slug;
	}

}
