package org.misalignment.dashboard.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.web.reported.ReportedFiguresBeside;
import org.misalignment.dashboard.web.reported.ReportedRow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{slug}/reported} plus the rule parameters: the figures
 * publications reported, each beside the site's rate for the same slice, in the same rows
 * as the overview's twin.
 */
@RestController
@Tag(name = "reported", description = "Figures publications reported, beside the site's own numbers")
class ReportedApi {

	private final DatasetRepository datasets;

	private final ReportedFiguresBeside reported;

	ReportedApi(DatasetRepository datasets, ReportedFiguresBeside reported) {
		this.datasets = datasets;
		this.reported = reported;
	}

	/** The dataset, the rule, and one row per reported figure. */
	record ReportedResponse(DatasetBrief dataset, RuleJson rule, List<Map<String, Object>> rows) {
	}

	@GetMapping(path = "/api/v1/datasets/{slug}/reported", produces = "application/json")
	@Operation(summary = "Figures a publication reported, each beside the rate this site computes for the same slice",
			description = "One row per figure of the dataset's manifest: what was measured (group or model, "
					+ "questions, condition), the reported rate and interval, where it was reported and the "
					+ "publication's thresholds; the computed rate and 95% interval under this request's rule, the "
					+ "difference (reported - computed), whether the reported rate lies in the computed interval, "
					+ "and not_computed saying why when the site has no number.")
	ReportedResponse reported(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
		List<Map<String, Object>> rows = new ArrayList<>();
		for (List<Object> cells : ReportedRow.table(this.reported.rows(dataset.getId(), slug, rule))) {
			Map<String, Object> row = new LinkedHashMap<>();
			for (int i = 0; i < ReportedRow.COLUMNS.size(); i++) {
				row.put(ReportedRow.COLUMNS.get(i), cells.get(i));
			}
			rows.add(row);
		}
		return new ReportedResponse(DatasetBrief.of(dataset), RuleJson.of(rule), rows);
	}

}
