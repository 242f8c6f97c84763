package org.misalignment.dashboard.web.answers;

import java.util.List;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.answers.Sample;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.search.AnswerSearch;

/**
 * Where an answer stands in the list it was opened from ("answer 5 of 120"): the fragment
 * the answer page loads after it has shown, and a plain page without JavaScript.
 *
 * @param order the list's sort parameter
 */
record PositionPage(Dataset dataset, Sample sample, Rule rule, String order, AnswerSearch.Place place,
		boolean filtered) implements TwinSource {

	@Override
	public Twin twin() {
		long id = this.sample.getId();
		return Twin.of("answer-" + id + "-position", this.dataset, this.rule)
			.about("order", this.order)
			.table("position", List.of("id", "position", "total", "in_list"), List.of(Twin.row(id,
					this.place.matches() ? this.place.number() : null, this.place.total(), this.place.matches())));
	}

}
