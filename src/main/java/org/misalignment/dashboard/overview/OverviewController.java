package org.misalignment.dashboard.overview;

import java.util.List;

import org.misalignment.dashboard.answers.CellCounts;
import org.misalignment.dashboard.answers.QuestionSet;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.catalog.Dataset;
import org.misalignment.dashboard.catalog.DatasetFileRepository;
import org.misalignment.dashboard.catalog.DatasetRepository;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overview of a dataset: misalignment rate per group with 95% intervals and n, the rule in words, and the
 * dataset's provenance. {@code /} shows the default dataset, {@code /d/{slug}} any other.
 */
@Controller
class OverviewController {

	private final DatasetRepository datasets;

	private final DatasetFileRepository files;

	private final CellCounts cellCounts;

	private final String defaultDataset;

	OverviewController(DatasetRepository datasets, DatasetFileRepository files, CellCounts cellCounts,
			@Value("${dashboard.default-dataset:}") String defaultDataset) {
		this.datasets = datasets;
		this.files = files;
		this.cellCounts = cellCounts;
		this.defaultDataset = defaultDataset;
	}

	@GetMapping("/")
	String home(@RequestParam(required = false) String questions, Rule rule, Model model) {
		List<Dataset> all = this.datasets.findAll();
		if (all.isEmpty()) {
			return "overview/empty";
		}
		Dataset chosen = all.stream()
			.filter((dataset) -> dataset.getSlug().equals(this.defaultDataset))
			.findFirst()
			.orElseGet(() -> all.stream()
				.max(java.util.Comparator.comparing(Dataset::getImportedAt))
				.orElseThrow());
		return overview(chosen, questions, rule, model);
	}

	@GetMapping("/d/{slug}")
	String dataset(@PathVariable String slug, @RequestParam(required = false) String questions, Rule rule, Model model) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		return overview(dataset, questions, rule, model);
	}

	private String overview(Dataset dataset, String questions, Rule rule, Model model) {
		QuestionSet questionSet = QuestionSet.parse((questions == null || questions.isBlank()) ? "main" : questions);
		List<RateRow> rows = Rates.byGroupOverall(
				this.cellCounts.count(dataset.getId(), rule, questionSet, null, null, null), rule);
		model.addAttribute("dataset", dataset);
		model.addAttribute("files", this.files.findByDatasetOrderByIdAsc(dataset));
		model.addAttribute("rows", rows);
		model.addAttribute("rule", rule);
		model.addAttribute("questions", questionSet.text());
		model.addAttribute("coherentOp", rule.coherentStrict() ? "gt" : "ge");
		return "overview/overview";
	}

}
