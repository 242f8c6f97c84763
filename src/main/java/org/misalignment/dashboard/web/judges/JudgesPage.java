package org.misalignment.dashboard.web.judges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /d/{slug}/judges?a=JUDGE&b=JUDGE&questions=…&condition=…} plus the rule's
 * thresholds: how two judges of the dataset agree.
 */
@Controller
class JudgesPage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatasetRepository datasets;

	private final Judges judges;

	private final OverviewQueries questionSets;

	private final MessageSource messages;

	JudgesPage(DatasetRepository datasets, Judges judges, OverviewQueries questionSets, MessageSource messages) {
		this.messages = messages;
		this.datasets = datasets;
		this.judges = judges;
		this.questionSets = questionSets;
	}

	@GetMapping("/d/{slug}/judges")
	String judges(@PathVariable String slug, @RequestParam(required = false) String a,
			@RequestParam(required = false) String b, @RequestParam(required = false) String questions,
			@RequestParam(required = false) String condition, Rule rule, ModelMap page) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		Judges.Result result = this.judges.compare(dataset, a, b, questions, condition, rule);
		JudgesView shown = new JudgesView(dataset, rule, result,
				this.questionSets.questionSets(dataset.getId(), result.questions()), chart(result),
				"/api/v1/datasets/" + slug + "/judges", this.messages.getMessage("judges.versus",
						new Object[] { result.a(), result.b() }, LocaleContextHolder.getLocale()));
		return PageRecords.show(page, shown, "judges/judges");
	}

	/**
	 * The scatter's data for judges.js: the judges' names and, per band pair with
	 * answers, the bands' middles and the count.
	 */
	static String chart(Judges.Result result) {
		List<Map<String, Object>> cells = new ArrayList<>();
		int width = 100 / Judges.BANDS;
		for (int i = 0; i < Judges.BANDS; i++) {
			for (int j = 0; j < Judges.BANDS; j++) {
				long count = result.bands()[i][j];
				if (count > 0) {
					cells.add(Map.of("x", i * width + width / 2.0, "y", j * width + width / 2.0, "answers", count));
				}
			}
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("a", result.a());
		chart.put("b", result.b());
		chart.put("band", width);
		chart.put("cells", cells);
		return JSON.writeValueAsString(chart);
	}

}
