package org.misalignment.dashboard.web.sensitivity;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /d/{slug}/sensitivity?questions=…&condition=…} plus the rule: each group's rate
 * over a grid of thresholds, and whether the order of the groups holds across it.
 */
@Controller
class SensitivityPage {

	private final DatasetRepository datasets;

	private final Sensitivity sensitivity;

	private final OverviewQueries questionSets;

	SensitivityPage(DatasetRepository datasets, Sensitivity sensitivity, OverviewQueries questionSets) {
		this.datasets = datasets;
		this.sensitivity = sensitivity;
		this.questionSets = questionSets;
	}

	@GetMapping("/d/{slug}/sensitivity")
	String sensitivity(@PathVariable String slug, @RequestParam(required = false) String questions,
			@RequestParam(required = false) String condition, Rule rule, ModelMap page) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		Sensitivity.Result result = this.sensitivity.compute(dataset, questions, condition, rule);
		SensitivityView shown = new SensitivityView(dataset, rule, result,
				this.questionSets.questionSets(dataset.getId(), result.questions()),
				"/api/v1/datasets/" + slug + "/sensitivity");
		return PageRecords.show(page, shown, "sensitivity/sensitivity");
	}

}
