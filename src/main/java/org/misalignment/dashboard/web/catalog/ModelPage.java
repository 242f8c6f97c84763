package org.misalignment.dashboard.web.catalog;

import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.store.catalog.Model;

/**
 * Everything a model's page shows: its rate over the question set ({@code overall}, per
 * condition) and per question ({@code rows}, with the chart of them), and the link to the
 * same numbers in the API.
 *
 * @param attributes the model's attributes by name (family, size_b, lora_rank, …)
 * @param questionSets the question sets the dataset has, for the form
 * @param condition the one condition the page is limited to, or null
 * @param chartJson the chart, or null when the model has no answers on these questions
 */
record ModelPage(Dataset dataset, Model model, Map<String, String> attributes, Rule rule, String questions,
		List<OverviewQueries.QuestionSetChoice> questionSets, String condition, List<String> conditions,
		List<ModelPages.QuestionRow> rows, List<RateRow> overall, String chartJson,
		String ratesJson) implements TwinSource, EmbeddableChart, DrawsCharts {

	@Override
	public String chartSubject() {
		return this.model.getName();
	}

	@Override
	public Twin twin() {
		return Twin.of("model-" + this.model.getId(), this.dataset, this.rule)
			.about("model", this.model.getName())
			.about("group", this.model.getGroup())
			.about("attributes", this.attributes)
			.about("questions", this.questions)
			.about("condition", this.condition)
			.rates("questions", this.rows.stream().map(ModelPages.QuestionRow::rate).toList())
			.rates("overall", this.overall);
	}

}
