package org.misalignment.dashboard.web.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.QuestionOrder;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.answers.QuestionAnswers;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
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
 * The questions of a dataset by category with their rate per group
 * ({@code /d/{slug}/questions}), and one question's page: its text, paraphrases, system
 * prompt and judge prompts, its rate per group, an aligned-vs-coherent scatter and its
 * latest answers ({@code /d/{slug}/questions/{questionId}}).
 */
@Controller
class QuestionPages {

	/** How much of a paraphrase the list shows. */
	private static final int PARAPHRASE_CHARS = 160;

	/** Answers shown in full on a question's page; the answers browser has the rest. */
	private static final int LATEST_ANSWERS = 10;

	private static final int ANSWER_CHARS = 1500;

	private final DatasetRepository datasets;

	private final QuestionRepository questions;

	private final ModelRepository models;

	private final CellCounts cellCounts;

	private final QuestionAnswers answers;

	QuestionPages(DatasetRepository datasets, QuestionRepository questions, ModelRepository models,
			CellCounts cellCounts, QuestionAnswers answers) {
		this.datasets = datasets;
		this.questions = questions;
		this.models = models;
		this.cellCounts = cellCounts;
		this.answers = answers;
	}

	/** A column of the questions table: one group under one condition. */
	record Column(String group, String condition) {
	}

	/**
	 * A row of the questions table; {@code rates} has one entry per column, null where
	 * the group has no answers.
	 */
	record QuestionLine(Question question, String paraphrase, long answers, List<RateRow> rates) {
	}

	@GetMapping("/d/{slug}/questions")
	String questions(@PathVariable String slug, @RequestParam(required = false) String condition, Rule rule,
			ModelMap page) {
		Dataset dataset = dataset(slug);
		String only = ModelPages.blankToNull(condition);
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, QuestionSet.parse("all"), only, null, null);
		List<Question> held = this.questions.findByDataset(dataset);
		List<RateRow> rows = Rates.inQuestionOrder(Rates.byGroupPerQuestion(cells, rule),
				QuestionOrder.of(held.stream().map(ReadingOrder::placed).toList()));
		List<Column> columns = rows.stream().map((row) -> new Column(row.group(), row.condition())).distinct().toList();
		Map<String, Map<Column, RateRow>> byQuestion = new LinkedHashMap<>();
		for (RateRow row : rows) {
			byQuestion.computeIfAbsent(row.questionId(), (id) -> new LinkedHashMap<>())
				.put(new Column(row.group(), row.condition()), row);
		}
		Map<String, List<QuestionLine>> categories = new TreeMap<>(ReadingOrder.CATEGORY);
		held.stream().sorted(ReadingOrder.QUESTION).forEach((question) -> {
			Map<Column, RateRow> rates = byQuestion.getOrDefault(question.getQuestionId(), Map.of());
			long count = rates.values().stream().mapToLong(RateRow::answers).sum();
			List<String> paraphrases = question.getParaphrases();
			String first = paraphrases.isEmpty() ? null : shorten(paraphrases.get(0), PARAPHRASE_CHARS);
			categories.computeIfAbsent(question.getCategory(), (category) -> new ArrayList<>())
				.add(new QuestionLine(question, first, count, columns.stream().map(rates::get).toList()));
		});
		QuestionsPage shown = new QuestionsPage(dataset, rule, only, ModelPages.conditions(rows), columns, categories,
				rows, CatalogLinks.rates(slug, "group", "question", "all", only, null, rule));
		return PageRecords.show(page, shown, "catalog/questions");
	}

	@GetMapping("/d/{slug}/questions/{*questionId}")
	String question(@PathVariable String slug, @PathVariable String questionId,
			@RequestParam(required = false) String condition, Rule rule, ModelMap page) {
		Dataset dataset = dataset(slug);
		// the question id is the rest of the path, so that an id with a slash in it has a
		// page too
		String id = questionId.startsWith("/") ? questionId.substring(1) : questionId;
		if (id.isEmpty()) {
			return "redirect:/d/" + slug + "/questions";
		}
		Question question = this.questions.findByDatasetAndQuestionId(dataset, id)
			.orElseThrow(() -> new NotFoundException(
					"There is no question '" + id + "' in dataset '" + slug + "'. The questions page lists them all."));
		String only = ModelPages.blankToNull(condition);
		QuestionSet just = new QuestionSet(id, " AND q.question_id = ?", List.of(id));
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, just, only, null, null);
		List<RateRow> groups = Rates.byGroupPerQuestion(cells, rule);
		List<String> labels = groups.stream().map(RateRow::group).distinct().toList();
		QuestionAnswers.Scatter scatter = this.answers.scatter(question.getId(), only, QuestionAnswers.MAX_POINTS,
				rule);
		List<Question> variants = this.questions.findByDatasetAndStem(dataset, question.getStem())
			.stream()
			.sorted(ReadingOrder.QUESTION)
			.toList();
		Map<String, Long> modelIds = new LinkedHashMap<>();
		this.models.findByDataset(dataset).forEach((model) -> modelIds.put(model.getName(), model.getId()));
		List<ModelPages.ModelRow> modelRows = Rates.byModelPerQuestion(cells, rule)
			.stream()
			.sorted(Comparator.comparing(RateRow::group)
				.thenComparing(RateRow::model, ReadingOrder.NATURAL)
				.thenComparing(RateRow::condition))
			.map((row) -> new ModelPages.ModelRow(row, modelIds.get(row.model())))
			.toList();
		QuestionPage shown = new QuestionPage(dataset, question, rule, only, ModelPages.conditions(groups), groups,
				modelRows,
				labels.isEmpty() ? null
						: RateCharts.bars(labels, groups, RateRow::group, null, "misaligned answers (%)"),
				scatter, scatter.points().isEmpty() ? null : RateCharts.scatter(scatter.points(), rule),
				this.answers.latest(question.getId(), only, LATEST_ANSWERS, ANSWER_CHARS, rule),
				variants.size() > 1 ? variants : List.of(),
				CatalogLinks.rates(slug, "group", "question", id, only, null, rule));
		return PageRecords.show(page, shown, "catalog/question");
	}

	private Dataset dataset(String slug) {
		return this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
	}

	private static String shorten(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = max;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end).stripTrailing() + "…";
	}

}
