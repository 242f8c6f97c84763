package org.misalignment.dashboard.web.answers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.twins.Table;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.AttributeSelection;

/**
 * Everything the answers browser shows: the facets with their counts, the filters in
 * effect, the sort choices and one page of answer cards; and, for its twins, every answer
 * that matches (not one page), streamed while written.
 *
 * @param order the sort's parameter ({@code id}, {@code -aligned}, …)
 * @param next the cursor of the next page, or null on the last
 * @param clearLink the browser with no filter but the same rule, order and page size
 * @param counted every facet's values and counts, the capped {@code facets} included
 * @param metrics the scores other than aligned and coherent that the dataset's answers
 * have
 * @param answersUrl the start of an answer's permalink, {@code http://host/answers/}
 */
record BrowserPage(Dataset dataset, Rule rule, AnswerFilter filter, List<AnswerFacets.FacetList> facets,
		boolean facetsByCount, List<AnswerFacets.ActiveFilter> active, List<AnswerFacets.SortChoice> sorts,
		String order, long total, List<AnswerSearch.Card> cards, String next, boolean firstPage, int limit,
		String clearLink, String ruleSummary, AnswerSearch.Facets counted, List<String> metrics, Export export,
		String answersUrl) implements TwinSource {

	/**
	 * Every answer that matches the filter, in the page's order, handed on one at a time
	 * as the store reads it.
	 */
	@FunctionalInterface
	interface Export {

		void each(Consumer<AnswerSearch.Exported> answer);

	}

	private static final List<String> COLUMNS = List.of("id", "model", "group", "question_id", "category", "condition",
			"question", "answer", "aligned", "coherent");

	private static final List<String> FACET_COLUMNS = List.of("facet", "value", "answers", "active");

	/**
	 * Every matching answer with its scores and permalink, and the facet counts the page
	 * shows.
	 */
	/** The sort in effect, in words. */
	public String sortLabel() {
		return this.sorts.stream()
			.filter(AnswerFacets.SortChoice::active)
			.map(AnswerFacets.SortChoice::label)
			.findFirst()
			.orElse("import order");
	}

	@Override
	public Twin twin() {
		List<String> columns = new ArrayList<>(COLUMNS);
		columns.addAll(this.metrics);
		columns.addAll(List.of("verdict", "permalink"));
		Table.Rows rows = (row) -> this.export.each((answer) -> {
			List<Object> cells = new ArrayList<>(columns.size());
			cells.addAll(Twin.row(answer.id(), answer.model(), answer.group(), answer.questionId(), answer.category(),
					answer.condition(), answer.question(), answer.answer(), answer.aligned(), answer.coherent()));
			cells.addAll(answer.metrics());
			cells.add(answer.verdict().parameter());
			cells.add(this.answersUrl + answer.id());
			row.accept(cells);
		});
		List<List<Object>> facetRows = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			for (AnswerSearch.FacetValue value : this.counted.values().get(facet)) {
				facetRows.add(Twin.row(facet.parameter(), value.value(), value.count(), value.active()));
			}
		}
		this.counted.attributes()
			.forEach((name, values) -> values.forEach((value) -> facetRows.add(Twin.row(AttributeSelection.PARAMETER,
					name + ":" + value.value(), value.count(), value.active()))));
		return Twin.of("answers", this.dataset, this.filter.rule())
			.about("total", this.counted.total())
			.about("order", this.order)
			.table(new Table("answers", columns, rows))
			.table("facets", FACET_COLUMNS, facetRows);
	}

}
