package org.misalignment.dashboard.web.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /d/{slug}/review}: for each reviewer label, how many flagged answers the judge
 * calls misaligned, aligned or not counted under the rule of the URL, each number linking
 * to those answers; then the latest flags ({@link ReviewSummary}).
 */
@Controller
class ReviewPage {

	private final DatasetRepository datasets;

	private final ReviewerFlags flags;

	ReviewPage(DatasetRepository datasets, ReviewerFlags flags) {
		this.datasets = datasets;
		this.flags = flags;
	}

	@GetMapping("/d/{slug}/review")
	String review(@PathVariable String slug, @RequestParam Map<String, String> parameters, Rule rule, Model model) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		List<Row> rows = new ArrayList<>();
		for (ReviewerFlags.Agreement agreement : this.flags.agreement(dataset.getId(), rule)) {
			String label = agreement.label().parameter();
			rows.add(new Row(agreement, answers(slug, parameters, label, null),
					answers(slug, parameters, label, "misaligned"), answers(slug, parameters, label, "aligned"),
					answers(slug, parameters, label, "ineligible")));
		}
		ReviewSummary page = new ReviewSummary(dataset, rule, rows, this.flags.latest(dataset.getId(), 50),
				"Reviewers and the judge · " + dataset.getTitle());
		return PageRecords.show(model, page, "review/review");
	}

	/** A label's counts and the answers browser links behind each. */
	record Row(ReviewerFlags.Agreement counts, String all, String misaligned, String aligned, String ineligible) {
	}

	/**
	 * The answers browser showing a label's answers with a verdict, under the same rule.
	 */
	private static String answers(String slug, Map<String, String> parameters, String label, String verdict) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("flag", label);
		if (verdict != null) {
			query.put("verdict", verdict);
		}
		for (String name : RuleParameters.NAMES) {
			String value = parameters.get(name);
			if (value != null && !value.isBlank()) {
				query.put(name, value);
			}
		}
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/d/{slug}/answers");
		query.keySet().forEach((name) -> link.queryParam(name, "{" + name + "}"));
		Map<String, String> values = new LinkedHashMap<>(query);
		values.put("slug", slug);
		return link.encode().buildAndExpand(values).toUriString();
	}

}
