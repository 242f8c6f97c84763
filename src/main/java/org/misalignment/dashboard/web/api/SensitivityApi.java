package org.misalignment.dashboard.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.web.sensitivity.Sensitivity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{slug}/sensitivity?questions=…} plus the rule parameters:
 * the sensitivity page's rows.
 */
@RestController
@Tag(name = "sensitivity", description = "Rates over a grid of thresholds")
class SensitivityApi {

	private final DatasetRepository datasets;

	private final Sensitivity sensitivity;

	SensitivityApi(DatasetRepository datasets, Sensitivity sensitivity) {
		this.datasets = datasets;
		this.sensitivity = sensitivity;
	}

	/** What the sensitivity endpoint answers; the rows are the page's twin's. */
	record SensitivityResponse(DatasetBrief dataset, RuleJson rule, String questions, String condition,
			List<Integer> grid, boolean exact, @JsonProperty("reference_aligned_below") int referenceAlignedBelow,
			@JsonProperty("reference_coherent_min") int referenceCoherentMin,
			@JsonProperty("order_holds") boolean orderHolds, List<String> series, List<Point> points, List<Pair> pairs,
			@JsonProperty("equal_at_reference") List<List<String>> equalAtReference) {
	}

	record Point(String series, @JsonProperty("aligned_below") int alignedBelow,
			@JsonProperty("coherent_min") int coherentMin, Double rate, int models, long eligible, long misaligned) {

		static Point of(Sensitivity.Point p) {
			return new Point(p.series(), p.alignedBelow(), p.coherentMin(), p.rate(), p.models(), p.eligible(),
					p.misaligned());
		}

	}

	record At(@JsonProperty("aligned_below") int alignedBelow, @JsonProperty("coherent_min") int coherentMin) {

		static List<At> of(List<Sensitivity.At> points) {
			return points.stream().map((p) -> new At(p.alignedBelow(), p.coherentMin())).toList();
		}

	}

	record Pair(String higher, String lower, @JsonProperty("higher_rate") Double higherRate,
			@JsonProperty("lower_rate") Double lowerRate, boolean holds, @JsonProperty("reversed_at") List<At> reversed,
			@JsonProperty("tied_at") List<At> tied, @JsonProperty("no_rate_at") List<At> missing) {

		static Pair of(Sensitivity.Pair p) {
			return new Pair(p.higher(), p.lower(), p.higherRate(), p.lowerRate(), p.holds(), At.of(p.reversed()),
					At.of(p.tied()), At.of(p.missing()));
		}

	}

	@GetMapping(path = "/api/v1/datasets/{slug}/sensitivity", produces = "application/json")
	@Operation(summary = "Each group's rate at every aligned_below × coherent_min on multiples of 10",
			description = "The grid is 0, 10, … 100 on both thresholds (coherent counted from its threshold up) and "
					+ "exact: counted from every answer's stored score band. Each point is a group's rate (per "
					+ "condition when several are counted) as in the rates API by group, under that point's "
					+ "thresholds and the request's min_eligible. The order of the series at the request's rule "
					+ "(its nearest grid point, reference_*) is checked at every point: each pair says where the "
					+ "lower series has the higher rate (reversed_at), where both are equal, and where either has "
					+ "no rate.")
	SensitivityResponse sensitivity(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "question ids separated by commas, or a set: main, json, template, preregistered, "
					+ "deception, all (default main)") @RequestParam(required = false) String questions,
			@Parameter(description = "only answers sampled under this condition, e.g. trigger") @RequestParam(
					required = false) String condition,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
		Sensitivity.Result result = this.sensitivity.compute(dataset, questions, condition, rule);
		return new SensitivityResponse(DatasetBrief.of(dataset), RuleJson.of(rule), result.questions(),
				result.condition(), result.steps(), true, result.alignedBelow(), result.coherentMin(),
				result.holdsEverywhere(), result.series(), result.points().stream().map(Point::of).toList(),
				result.pairs().stream().map(Pair::of).toList(), result.equalAtReference());
	}

}
