package org.misalignment.dashboard.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.web.sweep.Sweeps;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{slug}/sweep?x=…&series=…&questions=…} plus the rule
 * parameters: the sweep page's rows.
 */
@RestController
@Tag(name = "sweep", description = "Rates against a model attribute")
class SweepApi {

	private final DatasetRepository datasets;

	private final Sweeps sweeps;

	SweepApi(DatasetRepository datasets, Sweeps sweeps) {
		this.datasets = datasets;
		this.sweeps = sweeps;
	}

	/** What the sweep endpoint answers; the rows are the sweep page's twin's. */
	record SweepResponse(DatasetBrief dataset, RuleJson rule, String x, String series, String scale, boolean numeric,
			String questions, String condition, List<String> attributes,
			@JsonProperty("without_x") List<String> withoutX, List<Point> points, List<Mean> means) {
	}

	record Point(String model, String group, String condition, String series, String x,
			@JsonProperty("x_number") Double xNumber, long answers, long eligible, long misaligned, Double rate,
			@JsonProperty("ci_low") Double ciLow, @JsonProperty("ci_high") Double ciHigh, int questions) {

		static Point of(Sweeps.Point p) {
			return new Point(p.model(), p.group(), p.condition(), p.series(), p.x(), p.xNumber(), p.answers(),
					p.eligible(), p.misaligned(), p.rate(), p.ciLow(), p.ciHigh(), p.questions());
		}

	}

	record Mean(String series, String x, @JsonProperty("x_number") Double xNumber, Double rate,
			@JsonProperty("ci_low") Double ciLow, @JsonProperty("ci_high") Double ciHigh, int models) {

		static Mean of(Sweeps.Mean m) {
			return new Mean(m.series(), m.x(), m.xNumber(), m.rate(), m.ciLow(), m.ciHigh(), m.models());
		}

	}

	@GetMapping(path = "/api/v1/datasets/{slug}/sweep", produces = "application/json")
	@Operation(summary = "Each model's rate against one of its attributes, and each series' mean at each value",
			description = "One point per model (per condition when several are counted): its overall rate over the "
					+ "question set with the Wilson 95% interval, as in the rates API by model. Each mean has its 95% interval (ci_low, ci_high): the percentile bootstrap of the mean over the series' models at that x, or the one model's Wilson interval. x_number is set when "
					+ "every value of x is a number, and points are then in numeric order; else in natural order of "
					+ "the values. An unknown attribute is a 400 naming the dataset's attributes.")
	SweepResponse sweep(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "the model attribute on the x axis",
					example = "lora_rank") @RequestParam(required = false) String x,
			@Parameter(description = "what makes a series: group (default) or another model attribute") @RequestParam(
					required = false) String series,
			@Parameter(description = "linear (default) or log; log needs every value of x above zero") @RequestParam(
					required = false) String scale,
			@Parameter(description = "question ids separated by commas, or a set: main, json, template, preregistered, "
					+ "deception, all (default main)") @RequestParam(required = false) String questions,
			@Parameter(description = "only answers sampled under this condition, e.g. trigger") @RequestParam(
					required = false) String condition,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
		Sweeps.Result result = this.sweeps.sweep(dataset, x, series, scale, questions, condition, rule);
		return new SweepResponse(DatasetBrief.of(dataset), RuleJson.of(rule), result.x(), result.series(),
				result.log() ? "log" : "linear", result.numeric(), result.questions(), result.condition(),
				result.attributeNames(), result.withoutX(), result.points().stream().map(Point::of).toList(),
				result.means().stream().map(Mean::of).toList());
	}

}
