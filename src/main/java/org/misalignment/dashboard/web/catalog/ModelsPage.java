package org.misalignment.dashboard.web.catalog;

import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.system.DrawsCharts;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.web.reported.ReportedRow;

/**
 * Everything the groups & models page shows: each group's models side by side with the
 * group's mean, the chart of every model's rate, and the links to the same numbers in the
 * API.
 *
 * @param questionSets the question sets the dataset has, for the form
 * @param condition the one condition the page is limited to, or null
 * @param legend each group's colour in the chart, or empty when the bars are coloured by
 * condition
 * @param chartJson the chart, or null when no model has answers
 * @param reported figures publications reported, beside the site's numbers
 */
record ModelsPage(Dataset dataset, Rule rule, String questions, List<OverviewQueries.QuestionSetChoice> questionSets,
		String condition, List<String> conditions, List<ModelPages.GroupSection> sections, Map<String, String> legend,
		String chartJson, String modelsJson, String groupsJson, List<ReportedRow> reported,
		Map<String, Map<String, String>> modelAttributes) implements TwinSource, DrawsCharts {

	@Override
	public Twin twin() {
		return Twin.of("models", this.dataset, this.rule)
			.about("questions", this.questions)
			.about("condition", this.condition)
			.about("model_attributes", this.modelAttributes)
			.rates("models",
					this.sections.stream()
						.flatMap((section) -> section.models().stream())
						.map(ModelPages.ModelRow::rate)
						.toList())
			.rates("groups", this.sections.stream().flatMap((section) -> section.means().stream()).toList())
			.table("reported", ReportedRow.COLUMNS, ReportedRow.table(this.reported));
	}

}
