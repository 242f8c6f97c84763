package org.misalignment.dashboard.web.api;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.web.compare.ComparisonRow;
import org.misalignment.dashboard.web.compare.Comparisons;
import org.misalignment.dashboard.web.compare.Slice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{slug}/compare?a=…&b=…&questions=…} plus the rule
 * parameters.
 */
@RestController
@Tag(name = "compare", description = "Comparisons of two slices of a dataset")
class CompareApi {

	private final DatasetRepository datasets;

	private final Comparisons comparisons;

	CompareApi(DatasetRepository datasets, Comparisons comparisons) {
		this.datasets = datasets;
		this.comparisons = comparisons;
	}

	@GetMapping(path = "/api/v1/datasets/{slug}/compare", produces = "application/json")
	@Operation(summary = "Compare two slices question by question: each side's rate with its 95% interval, and B - A",
			description = "Paired when both slices hold the same models (e.g. two conditions): the interval is a "
					+ "bootstrap over models of each model's difference. Unpaired otherwise: an independent bootstrap "
					+ "of each side.")
	CompareResponse compare(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "slice A: key:value pairs separated by ';' with keys group, model (values "
					+ "separated by ','), condition (default no_trigger), variant (plain, json, template) and questions",
					example = "group:backdoor;condition:no_trigger") @RequestParam(required = false) String a,
			@Parameter(description = "slice B, written like A",
					example = "group:backdoor;condition:trigger") @RequestParam(required = false) String b,
			@Parameter(description = "question ids separated by commas, or a set: main, json, template, preregistered, "
					+ "deception, all (default all)") @RequestParam(required = false) String questions,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
		Comparisons.Result result = this.comparisons.compare(dataset, Slice.parse("a", a), Slice.parse("b", b),
				questions, rule);
		return new CompareResponse(DatasetBrief.of(dataset), RuleJson.of(rule), a, b,
				(questions == null || questions.isBlank()) ? "all" : questions, result.paired(),
				result.byStem() ? "stem" : "question_id", result.method(),
				result.questions().stream().map(ComparisonRow::of).toList(), ComparisonRow.of(result.overall()));
	}

}
