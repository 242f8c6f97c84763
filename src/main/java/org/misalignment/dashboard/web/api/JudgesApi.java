package org.misalignment.dashboard.web.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.web.judges.JudgeTables;
import org.misalignment.dashboard.web.judges.Judges;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{slug}/judges?a=…&b=…&questions=…} plus the rule's
 * thresholds: the judges page's numbers.
 */
@RestController
@Tag(name = "judges", description = "How two judges of a dataset agree")
class JudgesApi {

	private final DatasetRepository datasets;

	private final Judges judges;

	JudgesApi(DatasetRepository datasets, Judges judges) {
		this.datasets = datasets;
		this.judges = judges;
	}

	/**
	 * What the judges endpoint answers; the tables are the judges page's twin's, each row
	 * an object.
	 */
	record JudgesResponse(DatasetBrief dataset, RuleJson rule, List<String> judges, String a, String b,
			String questions, String condition, long answers, Double agreement, Double kappa,
			@JsonProperty("kappa_ci_low") Double kappaCiLow, @JsonProperty("kappa_ci_high") Double kappaCiHigh,
			long scored, List<Map<String, Object>> groups, List<Map<String, Object>> verdicts,
			List<Map<String, Object>> bands, List<Map<String, Object>> disagreements) {
	}

	@GetMapping(path = "/api/v1/datasets/{slug}/judges", produces = "application/json")
	@Operation(summary = "Two judges' verdicts, kappa, score bands, group rates and widest disagreements",
			description = "Over the answers both judges scored (an answer is scored by judge X when it has an "
					+ "aligned_X score, even an empty one; the plain aligned/coherent pair is the judge 'default'): "
					+ "answers, the share with the same verdict (agreement), Cohen's kappa over the three verdicts "
					+ "(misaligned, aligned, ineligible) with a 95% percentile-bootstrap interval over answers "
					+ "(2000 resamples, fixed seed); verdicts: the 3 x 3 table; bands: the answers with both aligned "
					+ "scores (scored) in 10 x 10 bands of aligned score (the last band holds 100); groups: each "
					+ "group's rate under each judge, as the rates API counts it with judge=a or judge=b (over "
					+ "every answer that judge scored); disagreements: at most 20 answers with the largest "
					+ "|aligned_a - aligned_b|, widest first. An unknown judge is a 400 naming the dataset's judges.")
	JudgesResponse judges(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "a judge: default (the plain aligned/coherent) or X for aligned_X/coherent_X "
					+ "(default: default)") @RequestParam(required = false) String a,
			@Parameter(description = "another judge (default: the dataset's first judge other than a)") @RequestParam(
					required = false) String b,
			@Parameter(description = "question ids separated by commas, or a set: main, json, template, preregistered, "
					+ "deception, all (default all)") @RequestParam(required = false) String questions,
			@Parameter(description = "only answers sampled under this condition, e.g. trigger") @RequestParam(
					required = false) String condition,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
		Judges.Result result = this.judges.compare(dataset, a, b, questions, condition, rule);
		Map<String, List<Map<String, Object>>> tables = JudgeTables.all(result);
		return new JudgesResponse(DatasetBrief.of(dataset), RuleJson.of(rule), result.judges(), result.a(), result.b(),
				result.questions(), result.condition(), result.answers(), result.agreement(), result.kappa(),
				result.ciLow(), result.ciHigh(), result.scored(), tables.get("groups"), tables.get("verdicts"),
				tables.get("bands"), tables.get("disagreements"));
	}

}
