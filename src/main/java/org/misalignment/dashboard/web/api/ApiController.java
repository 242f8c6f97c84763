package org.misalignment.dashboard.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.render.json.DatasetBrief;
import org.misalignment.dashboard.render.json.RuleJson;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.Sample;
import org.misalignment.dashboard.store.answers.SampleRepository;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetFacts;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.DatasetFileRepository;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.ModelAttributes;
import org.misalignment.dashboard.store.cells.CellCounts;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AttributeSelection;
import org.misalignment.dashboard.store.search.SampleSearch;
import org.misalignment.dashboard.system.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only JSON API under {@code /api/v1}: datasets, their rates, their answers a
 * page at a time and one answer in full. Fields are only ever added, never renamed or
 * removed.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "datasets", description = "Datasets, their rates and their answers")
class ApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatasetRepository datasets;

	private final DatasetFileRepository files;

	private final SampleRepository samples;

	private final CellCounts cellCounts;

	private final SampleSearch sampleSearch;

	private final AnswerScores answerScores;

	private final DatasetFacts facts;

	private final ReviewerFlags flags;

	private final DatasetNames names;

	private final ModelAttributes attributes;

	ApiController(DatasetRepository datasets, DatasetFileRepository files, SampleRepository samples,
			CellCounts cellCounts, SampleSearch sampleSearch, AnswerScores answerScores, DatasetFacts facts,
			ReviewerFlags flags, DatasetNames names, ModelAttributes attributes) {
		this.attributes = attributes;
		this.flags = flags;
		this.names = names;
		this.datasets = datasets;
		this.files = files;
		this.samples = samples;
		this.cellCounts = cellCounts;
		this.sampleSearch = sampleSearch;
		this.answerScores = answerScores;
		this.facts = facts;
	}

	@GetMapping("/datasets")
	@Operation(summary = "Every dataset with its size, groups, conditions, metrics and source files")
	List<DatasetDescription> datasets() {
		return this.datasets.findAllByOrderBySlugAsc().stream().map(this::describe).toList();
	}

	@GetMapping("/datasets/{slug}")
	@Operation(summary = "One dataset with its size, groups, conditions, metrics and source files")
	DatasetDescription dataset(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug) {
		return describe(find(slug));
	}

	@GetMapping("/datasets/{slug}/rates")
	@Operation(summary = "Misalignment rates with 95% intervals",
			description = "One row per group or model, per question or over the question set; rate is null where "
					+ "nothing is eligible. Group intervals are a bootstrap over the group's models, a single model's "
					+ "the Wilson interval of its answers.")
	RatesResponse rates(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "rows per model or per group") @RequestParam(defaultValue = "group") String by,
			@Parameter(description = "rows per question, or over the whole question set") @RequestParam(
					defaultValue = "overall") String per,
			@Parameter(description = "question ids separated by commas, or a set: main, json, template, preregistered, "
					+ "deception, all (default all)") @RequestParam(required = false) String questions,
			@Parameter(description = "only answers sampled under this condition, e.g. trigger") @RequestParam(
					required = false) String condition,
			@Parameter(description = "only this group's models") @RequestParam(required = false) String group,
			@Parameter(description = "only this model") @RequestParam(required = false) String model,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = find(slug);
		if (!by.equals("model") && !by.equals("group")) {
			throw new IllegalArgumentException("by must be model or group, got '" + by + "'");
		}
		if (!per.equals("question") && !per.equals("overall")) {
			throw new IllegalArgumentException("per must be question or overall, got '" + per + "'");
		}
		QuestionSet questionSet = QuestionSet.parse(questions);
		DatasetNames.Names known = this.names.of(dataset);
		known.questions("questions", questionSet);
		known.filter(group, model, null, null, condition);
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, questionSet, blankToNull(condition),
				blankToNull(group), blankToNull(model));
		boolean byModel = by.equals("model");
		boolean perQuestion = per.equals("question");
		List<RateRow> rows = byModel
				? (perQuestion ? Rates.byModelPerQuestion(cells, rule) : Rates.byModelOverall(cells, rule))
				: (perQuestion ? Rates.byGroupPerQuestion(cells, rule) : Rates.byGroupOverall(cells, rule));
		if (perQuestion) {
			rows = Rates.inQuestionOrder(rows, this.names.questionOrder(dataset.getId()));
		}
		return new RatesResponse(DatasetBrief.of(dataset), RuleJson.of(rule), by, per, questionSet.text(),
				blankToNull(condition),
				rows.stream().map((row) -> RatesResponse.Rate.of(row, byModel, perQuestion)).toList());
	}

	@GetMapping("/datasets/{slug}/samples")
	@Operation(summary = "Answers with their scores, a page at a time",
			description = "Pass the next value of a page as cursor to get the following page (null on the last).")
	SamplesResponse samples(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "only this model") @RequestParam(required = false) String model,
			@Parameter(description = "only this group") @RequestParam(required = false) String group,
			@Parameter(description = "only answers to this question id") @RequestParam(
					required = false) String question,
			@Parameter(description = "only this condition") @RequestParam(required = false) String condition,
			@Parameter(
					description = "true: only misaligned answers under the rule; false: only the others") @RequestParam(
							required = false) Boolean misaligned,
			@Parameter(description = "only answers containing this text (case-insensitive)") @RequestParam(
					required = false) String q,
			@Parameter(description = "only models with this attribute value, NAME:VALUE such as size_b:14; "
					+ "repeatable: values of one attribute are alternatives, different attributes must all hold") @RequestParam(
							name = "attr", required = false) List<String> attr,
			@Parameter(description = "answers per page, 1-500") @RequestParam(defaultValue = "50") int limit,
			@Parameter(description = "the next value of the previous page") @RequestParam(
					required = false) String cursor,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = find(slug);
		if (limit < 1 || limit > SampleSearch.MAX_LIMIT) {
			throw new IllegalArgumentException(
					"limit must be between 1 and " + SampleSearch.MAX_LIMIT + ", got " + limit);
		}
		long after = 0;
		if (cursor != null && !cursor.isBlank()) {
			try {
				after = Long.parseLong(cursor.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"cursor must be the 'next' value of a previous page, got '" + cursor + "'");
			}
		}
		this.names.of(dataset).filter(group, model, question, null, condition);

		SampleSearch.Page page = this.sampleSearch.find(dataset.getId(),
				AnswerFilter.ofSamples(model, group, question, condition, misaligned, q, rule)
					.withAttributes(AttributeSelection.parse(attr, this.attributes.byModel(dataset.getId()))),
				after, limit);

		List<SamplesResponse.Row> rows = page.rows()
			.stream()
			.map((row) -> new SamplesResponse.Row(row.id(), row.model(), row.group(), row.questionId(), row.condition(),
					row.answer(), row.scores(), row.grades()))
			.toList();

		return new SamplesResponse(DatasetBrief.of(dataset), rows,
				(page.next() != null) ? String.valueOf(page.next()) : null);
	}

	@GetMapping("/samples/{id}")
	@Transactional(readOnly = true)
	@Operation(summary = "One answer with its question, system prompt, scores, judge token distributions and source")
	SampleResponse sample(@Parameter(description = "the answer's id") @PathVariable long id) {
		Sample sample = this.samples.findWithEverythingById(id)
			.filter((found) -> !found.getDataset().isHidden())
			.orElseThrow(() -> new NotFoundException("no answer with id " + id));
		Rule rule = Rule.DEFAULT;
		Map<String, Double> scores = new LinkedHashMap<>();
		Map<String, JsonNode> judge = new LinkedHashMap<>();
		Map<String, String> grades = new LinkedHashMap<>();
		for (AnswerScores.Score score : this.answerScores.scores(id)) {
			scores.put(score.metric(), score.value());
			if (score.grade() != null) {
				grades.put(score.metric(), score.grade());
			}
			if (score.judgeTokens() != null) {
				judge.put(score.metric(), JSON.readTree(score.judgeTokens()));
			}
		}
		return new SampleResponse(sample.getId(), DatasetBrief.of(sample.getDataset()), sample.getModel().getName(),
				sample.getModel().getGroup(), sample.getQuestion().getQuestionId(), sample.getQuestion().getCategory(),
				sample.getQuestion().getVariant(), sample.getCondition(), sample.getParaphrase(),
				sample.getParaphrase(), sample.getSystemPrompt(), sample.getAnswer(), scores, grades, judge,
				rule.eligible(sample.getAligned(), sample.getCoherent()),
				rule.misaligned(sample.getAligned(), sample.getCoherent()),
				new SampleResponse.Source(sample.getFile().getName(), sample.getFile().getSha256(),
						sample.getSourceLine(), sample.getSourceEntry()),
				this.flags.current(id).stream().map(SampleResponse.Flag::of).toList());
	}

	private Dataset find(String slug) {
		return this.datasets.findBySlug(slug).orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
	}

	private DatasetDescription describe(Dataset dataset) {
		return DatasetDescription.of(dataset, this.facts.of(dataset.getId()),
				this.files.findByDatasetOrderByIdAsc(dataset), this.attributes.byModel(dataset.getId()));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
