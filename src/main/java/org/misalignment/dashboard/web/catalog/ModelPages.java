package org.misalignment.dashboard.web.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.web.reported.ReportedFiguresBeside;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.Model;
import org.misalignment.dashboard.store.catalog.ModelAttributes;
import org.misalignment.dashboard.store.catalog.ModelRepository;
import org.misalignment.dashboard.store.catalog.Question;
import org.misalignment.dashboard.store.catalog.QuestionRepository;
import org.misalignment.dashboard.store.cells.CellCounts;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Groups and models: every group's models (seeds) side by side with their rates and the
 * group's mean ({@code /d/{slug}/models}), and one model's rate per question
 * ({@code /d/{slug}/models/{id}}). The numbers are those of the JSON API's rates for the
 * same parameters: both come from {@link CellCounts} and {@link Rates}.
 */
@Controller
class ModelPages {

	private final DatasetRepository datasets;

	private final ModelRepository models;

	private final QuestionRepository questions;

	private final CellCounts cellCounts;

	private final DatasetNames names;

	private final OverviewQueries questionSets;

	private final ReportedFiguresBeside reported;

	private final ModelAttributes attributes;

	ModelPages(DatasetRepository datasets, ModelRepository models, QuestionRepository questions, CellCounts cellCounts,
			DatasetNames names, OverviewQueries questionSets, ReportedFiguresBeside reported,
			ModelAttributes attributes) {
		this.attributes = attributes;
		this.datasets = datasets;
		this.reported = reported;
		this.questionSets = questionSets;
		this.names = names;
		this.models = models;
		this.questions = questions;
		this.cellCounts = cellCounts;
	}

	/**
	 * One group's table: its models' rows (per condition), the group's mean row(s) and
	 * models with no answers.
	 *
	 * @param modelCount every model of the group, with answers or not
	 */
	record GroupSection(String group, String color, int modelCount, List<ModelRow> models, List<RateRow> means,
			List<Model> withoutAnswers) {
	}

	record ModelRow(RateRow rate, long modelId) {
	}

	/** A question's row on a model's page. */
	record QuestionRow(RateRow rate, Question question) {
	}

	@GetMapping("/d/{slug}/models")
	String models(@PathVariable String slug, @RequestParam(required = false) String questions,
			@RequestParam(required = false) String condition, Rule rule, ModelMap page) {
		Dataset dataset = dataset(slug);
		QuestionSet questionSet = questionSet(questions);
		String only = blankToNull(condition);
		DatasetNames.Names known = this.names.of(dataset);
		known.questions("questions", questionSet);
		known.condition("condition", only);
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, questionSet, only, null, null);
		List<RateRow> modelRows = Rates.byModelOverall(cells, rule);
		List<RateRow> groupRows = Rates.byGroupOverall(cells, rule);

		Map<String, Model> byName = new LinkedHashMap<>();
		Map<String, List<Model>> byGroup = new TreeMap<>();
		for (Model model : this.models.findByDataset(dataset)) {
			byName.put(model.getName(), model);
			byGroup.computeIfAbsent(model.getGroup(), (group) -> new ArrayList<>()).add(model);
		}
		Comparator<RateRow> reading = Comparator.comparing(RateRow::model, ReadingOrder.NATURAL)
			.thenComparing(RateRow::condition);
		List<GroupSection> sections = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		List<String> colors = new ArrayList<>();
		Map<String, String> legend = new LinkedHashMap<>();
		for (Map.Entry<String, List<Model>> group : byGroup.entrySet()) {
			String name = group.getKey();
			String color = RateCharts.PALETTE.get(sections.size() % RateCharts.PALETTE.size());
			List<ModelRow> rows = modelRows.stream()
				.filter((row) -> name.equals(row.group()))
				.sorted(reading)
				.map((row) -> new ModelRow(row, byName.get(row.model()).getId()))
				.toList();
			Set<String> answered = rows.stream().map((row) -> row.rate().model()).collect(Collectors.toSet());
			List<Model> silent = group.getValue()
				.stream()
				.filter((model) -> !answered.contains(model.getName()))
				.sorted(Comparator.comparing(Model::getName, ReadingOrder.NATURAL))
				.toList();
			List<RateRow> means = groupRows.stream().filter((row) -> name.equals(row.group())).toList();
			sections.add(new GroupSection(name, color, group.getValue().size(), rows, means, silent));
			legend.put(name, color);
			rows.stream().map((row) -> row.rate().model()).distinct().forEach((model) -> {
				labels.add(model);
				colors.add(color);
			});
		}
		List<String> conditions = conditions(modelRows);
		ModelsPage shown = new ModelsPage(dataset, rule, questionSet.text(),
				this.questionSets.questionSets(dataset.getId(), questionSet.text()), only, conditions, sections,
				conditions.size() == 1 ? legend : Map.of(),
				labels.isEmpty() ? null
						: RateCharts.bars(labels, modelRows, RateRow::model, colors, "misaligned answers (%)"),
				CatalogLinks.rates(slug, "model", "overall", questionSet.text(), only, null, rule),
				CatalogLinks.rates(slug, "group", "overall", questionSet.text(), only, null, rule),
				this.reported.rows(dataset.getId(), known, rule), this.attributes.byModel(dataset.getId()));
		return PageRecords.show(page, shown, "catalog/models");
	}

	@GetMapping("/d/{slug}/models/{id}")
	String model(@PathVariable String slug, @PathVariable String id, @RequestParam(required = false) String questions,
			@RequestParam(required = false) String condition, Rule rule, ModelMap page) {
		Dataset dataset = dataset(slug);
		Model model = parseId(id).flatMap((number) -> this.models.findByDatasetAndId(dataset, number))
			.orElseThrow(() -> new NotFoundException("There is no model with id '" + id + "' in dataset '" + slug
					+ "'. The models page lists them all."));
		QuestionSet questionSet = questionSet(questions);
		String only = blankToNull(condition);
		DatasetNames.Names known = this.names.of(dataset);
		known.questions("questions", questionSet);
		known.condition("condition", only);
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, questionSet, only, null, model.getName());
		Map<String, Question> byId = this.questions.findByDataset(dataset)
			.stream()
			.collect(Collectors.toMap(Question::getQuestionId, Function.identity()));
		Comparator<QuestionRow> reading = Comparator
			.comparing((QuestionRow row) -> row.question(), ReadingOrder.QUESTION)
			.thenComparing((row) -> row.rate().condition());
		List<QuestionRow> rows = Rates.byModelPerQuestion(cells, rule)
			.stream()
			.map((row) -> new QuestionRow(row, byId.get(row.questionId())))
			.sorted(reading)
			.toList();
		List<String> labels = rows.stream().map((row) -> row.rate().questionId()).distinct().toList();
		List<RateRow> rates = rows.stream().map(QuestionRow::rate).toList();
		ModelPage shown = new ModelPage(dataset, model, this.attributes.of(model.getId()), rule, questionSet.text(),
				this.questionSets.questionSets(dataset.getId(), questionSet.text()), only, conditions(rates), rows,
				Rates.byModelOverall(cells, rule),
				labels.isEmpty() ? null
						: RateCharts.bars(labels, rates, RateRow::questionId, null, "misaligned answers (%)"),
				CatalogLinks.rates(slug, "model", "question", questionSet.text(), only, model.getName(), rule));
		return PageRecords.show(page, shown, "catalog/model");
	}

	private Dataset dataset(String slug) {
		return this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
	}

	static QuestionSet questionSet(String questions) {
		return QuestionSet.parse((questions == null || questions.isBlank()) ? "main" : questions);
	}

	static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/** The conditions that rows were computed on, in order. */
	static List<String> conditions(List<RateRow> rows) {
		return new ArrayList<>(rows.stream().map(RateRow::condition).collect(Collectors.toCollection(TreeSet::new)));
	}

	private static Optional<Long> parseId(String id) {
		try {
			return Optional.of(Long.parseLong(id));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
