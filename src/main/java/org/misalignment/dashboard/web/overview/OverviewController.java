package org.misalignment.dashboard.web.overview;

import java.util.Comparator;
import java.util.List;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetJudges;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.DatasetFile;
import org.misalignment.dashboard.store.catalog.DatasetFileRepository;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.ModelAttributes;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.web.reported.ReportedFiguresBeside;
import org.misalignment.dashboard.store.cells.CellCounts;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overview of a dataset: the headline chart (misalignment rate per group with 95%
 * intervals and n) and its table, the question × group matrix, the rule in words, and the
 * dataset's provenance ({@link OverviewPage}). {@code /} shows the default dataset,
 * {@code /d/{slug}} any other.
 */
@Controller
class OverviewController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatasetRepository datasets;

	private final DatasetFileRepository files;

	private final CellCounts cellCounts;

	private final OverviewQueries queries;

	private final String defaultDataset;

	private final DatasetNames names;

	private final ReportedFiguresBeside reported;

	private final ModelAttributes attributes;

	private final DatasetJudges judges;

	OverviewController(DatasetRepository datasets, DatasetFileRepository files, CellCounts cellCounts,
			OverviewQueries queries, @Value("${dashboard.default-dataset:}") String defaultDataset, DatasetNames names,
			ReportedFiguresBeside reported, ModelAttributes attributes, DatasetJudges judges) {
		this.attributes = attributes;
		this.judges = judges;
		this.datasets = datasets;
		this.reported = reported;
		this.names = names;
		this.files = files;
		this.cellCounts = cellCounts;
		this.queries = queries;
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
			.orElseGet(() -> all.stream().max(Comparator.comparing(Dataset::getImportedAt)).orElseThrow());
		this.judges.require(chosen.getSlug(), rule.judge());
		return overview(chosen, questions, rule, model);
	}

	@GetMapping("/d/{slug}")
	String dataset(@PathVariable String slug, @RequestParam(required = false) String questions, Rule rule,
			Model model) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		return overview(dataset, questions, rule, model);
	}

	private String overview(Dataset dataset, String questions, Rule rule, Model model) {
		long id = dataset.getId();
		String setText = (questions != null && !questions.isBlank()) ? questions.strip()
				: this.queries.hasMainQuestions(id) ? "main" : "all";
		QuestionSet questionSet = QuestionSet.parse(setText);
		DatasetNames.Names known = this.names.of(dataset);
		known.questions("questions", questionSet);
		// one count for the chart, its table and the matrix, so that they can never
		// disagree
		List<Cell> cells = this.cellCounts.count(id, rule, questionSet, null, null, null);
		List<RateRow> rows = Rates.byGroupOverall(cells, rule);
		OverviewLinks links = new OverviewLinks(dataset.getSlug(), questionSet.text(), rule);
		RateMatrix matrix = RateMatrix.of(Rates.byGroupPerQuestion(cells, rule),
				this.queries.questions(id, questionSet), this.names.questionOrder(id), links);
		List<DatasetFile> datasetFiles = this.files.findByDatasetOrderByIdAsc(dataset);
		String source = dataset.getSourceUrl();
		OverviewPage page = new OverviewPage(dataset, datasetFiles,
				datasetFiles.stream().mapToLong(DatasetFile::getAnswers).sum(), this.queries.size(id), rows,
				JSON.writeValueAsString(HeadlineChart.of(rows)), matrix, RateShade.legend(), rule, questionSet.text(),
				this.queries.questionSets(id, questionSet.text()), links.api("overall"), links.api("question"),
				source != null && (source.startsWith("https://") || source.startsWith("http://")),
				this.reported.rows(id, known, rule), this.attributes.names(id), this.judges.judges(id));
		return PageRecords.show(model, page, "overview/overview");
	}

}
