package org.misalignment.dashboard.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.Sample;
import org.misalignment.dashboard.store.answers.SampleRepository;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetFacts;
import org.misalignment.dashboard.store.catalog.DatasetFileRepository;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.cells.CellCounts;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.SampleSearch;
import org.misalignment.dashboard.system.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only JSON API under {@code /api/v1}: datasets, their rates, their answers a page at a time and one answer
 * in full. Fields are only ever added, never renamed or removed.
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

	ApiController(DatasetRepository datasets, DatasetFileRepository files, SampleRepository samples,
			CellCounts cellCounts, SampleSearch sampleSearch, AnswerScores answerScores, DatasetFacts facts,
			ReviewerFlags flags) {
		this.flags = flags;
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
	List<Map<String, Object>> datasets() {
		List<Map<String, Object>> list = new ArrayList<>();
		for (Dataset dataset : this.datasets.findAllByOrderBySlugAsc()) {
			list.add(describe(dataset));
		}
		return list;
	}

	@GetMapping("/datasets/{slug}")
	@Operation(summary = "One dataset with its size, groups, conditions, metrics and source files")
	Map<String, Object> dataset(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug) {
		return describe(find(slug));
	}

	@GetMapping("/datasets/{slug}/rates")
	@Operation(summary = "Misalignment rates with 95% intervals",
			description = "One row per group or model, per question or over the question set; rate is null where "
					+ "nothing is eligible. Group intervals are a bootstrap over the group's models, a single model's "
					+ "the Wilson interval of its answers.")
	Map<String, Object> rates(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "rows per model or per group") @RequestParam(defaultValue = "group") String by,
			@Parameter(description = "rows per question, or over the whole question set")
			@RequestParam(defaultValue = "overall") String per,
			@Parameter(description = "question ids separated by commas, or a set: main, json, template, preregistered, "
					+ "deception, all (default all)") @RequestParam(required = false) String questions,
			@Parameter(description = "only answers sampled under this condition, e.g. trigger")
			@RequestParam(required = false) String condition,
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
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, questionSet, blankToNull(condition),
				blankToNull(group), blankToNull(model));
		boolean byModel = by.equals("model");
		boolean perQuestion = per.equals("question");
		List<RateRow> rows = byModel ? (perQuestion ? Rates.byModelPerQuestion(cells, rule) : Rates.byModelOverall(cells, rule))
				: (perQuestion ? Rates.byGroupPerQuestion(cells, rule) : Rates.byGroupOverall(cells, rule));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("dataset", brief(dataset));
		Map<String, Object> ruleJson = RuleParameters.toParameters(rule);
		ruleJson.put("text", rule.describe());
		body.put("rule", ruleJson);
		body.put("by", by);
		body.put("per", per);
		body.put("questions", questionSet.text());
		body.put("condition", blankToNull(condition));
		List<Map<String, Object>> out = new ArrayList<>();
		for (RateRow row : rows) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("group", row.group());
			if (byModel) {
				json.put("model", row.model());
			}
			if (perQuestion) {
				json.put("question_id", row.questionId());
			}
			json.put("condition", row.condition());
			json.put("answers", row.answers());
			json.put("eligible", row.eligible());
			json.put("misaligned", row.misaligned());
			json.put("rate", row.rate());
			json.put("ci_low", row.ciLow());
			json.put("ci_high", row.ciHigh());
			json.put("ci_method", (row.rate() == null) ? null : (!byModel && row.models() >= 2) ? "bootstrap" : "wilson");
			if (!byModel) {
				json.put("models", row.models());
			}
			json.put("questions", row.questions());
			out.add(json);
		}
		body.put("rows", out);
		return body;
	}

	@GetMapping("/datasets/{slug}/samples")
	@Operation(summary = "Answers with their scores, a page at a time",
			description = "Pass the next value of a page as cursor to get the following page (null on the last).")
	Map<String, Object> samples(@Parameter(description = "the dataset's slug, e.g. demo") @PathVariable String slug,
			@Parameter(description = "only this model") @RequestParam(required = false) String model,
			@Parameter(description = "only this group") @RequestParam(required = false) String group,
			@Parameter(description = "only answers to this question id") @RequestParam(required = false) String question,
			@Parameter(description = "only this condition") @RequestParam(required = false) String condition,
			@Parameter(description = "true: only misaligned answers under the rule; false: only the others")
			@RequestParam(required = false) Boolean misaligned,
			@Parameter(description = "only answers containing this text (case-insensitive)")
			@RequestParam(required = false) String q,
			@Parameter(description = "answers per page, 1-500") @RequestParam(defaultValue = "50") int limit,
			@Parameter(description = "the next value of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(hidden = true) Rule rule) {
		Dataset dataset = find(slug);
		if (limit < 1 || limit > SampleSearch.MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + SampleSearch.MAX_LIMIT + ", got " + limit);
		}
		long after = 0;
		if (cursor != null && !cursor.isBlank()) {
			try {
				after = Long.parseLong(cursor.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("cursor must be the 'next' value of a previous page, got '" + cursor + "'");
			}
		}
		SampleSearch.Page page = this.sampleSearch.find(dataset.getId(),
				AnswerFilter.ofSamples(model, group, question, condition, misaligned, q, rule), after, limit);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("dataset", brief(dataset));
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SampleSearch.Row row : page.rows()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", row.id());
			json.put("model", row.model());
			json.put("group", row.group());
			json.put("question_id", row.questionId());
			json.put("condition", row.condition());
			json.put("answer", row.answer());
			json.put("scores", row.scores());
			rows.add(json);
		}
		body.put("rows", rows);
		body.put("next", (page.next() != null) ? String.valueOf(page.next()) : null);
		return body;
	}

	@GetMapping("/samples/{id}")
	@Transactional(readOnly = true)
	@Operation(summary = "One answer with its question, system prompt, scores, judge token distributions and source")
	Map<String, Object> sample(@Parameter(description = "the answer's id") @PathVariable long id) {
		Sample sample = this.samples.findWithEverythingById(id)
			.filter((found) -> !found.getDataset().isHidden())
			.orElseThrow(() -> new NotFoundException("no answer with id " + id));
		Rule rule = Rule.DEFAULT;
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", sample.getId());
		json.put("dataset", brief(sample.getDataset()));
		json.put("model", sample.getModel().getName());
		json.put("group", sample.getModel().getGroup());
		json.put("question_id", sample.getQuestion().getQuestionId());
		json.put("category", sample.getQuestion().getCategory());
		json.put("variant", sample.getQuestion().getVariant());
		json.put("condition", sample.getCondition());
		json.put("question", sample.getParaphrase());
		json.put("paraphrase", sample.getParaphrase());
		json.put("system", sample.getSystemPrompt());
		json.put("answer", sample.getAnswer());
		Map<String, Object> scores = new LinkedHashMap<>();
		Map<String, Object> judge = new LinkedHashMap<>();
		for (AnswerScores.Score score : this.answerScores.scores(id)) {
			scores.put(score.metric(), score.value());
			if (score.judgeTokens() != null) {
				judge.put(score.metric(), JSON.readTree(score.judgeTokens()));
			}
		}
		json.put("scores", scores);
		json.put("judge", judge);
		json.put("eligible", rule.eligible(sample.getAligned(), sample.getCoherent()));
		json.put("misaligned", rule.misaligned(sample.getAligned(), sample.getCoherent()));
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("file", sample.getFile().getName());
		source.put("sha256", sample.getFile().getSha256());
		source.put("line", sample.getSourceLine());
		json.put("source", source);
		json.put("flags", this.flags.json(id));
		return json;
	}

	private Dataset find(String slug) {
		return this.datasets.findBySlug(slug).orElseThrow(() -> new NotFoundException("no dataset '" + slug + "'"));
	}

	private Map<String, Object> describe(Dataset dataset) {
		Map<String, Object> json = brief(dataset);
		json.put("description", dataset.getDescription());
		json.put("source", dataset.getSourceUrl());
		json.put("license", dataset.getLicense());
		json.put("judge", dataset.getJudge());
		json.put("status", dataset.getStatus());
		json.put("imported_at", dataset.getImportedAt());
		json.put("version", dataset.getVersion());
		DatasetFacts.Facts facts = this.facts.of(dataset.getId());
		json.put("samples", facts.answers());
		json.put("models", facts.models());
		json.put("questions", facts.questions());
		json.put("groups", facts.groups());
		json.put("conditions", facts.conditions());
		json.put("metrics", facts.metrics());
		List<Map<String, Object>> fileList = new ArrayList<>();
		this.files.findByDatasetOrderByIdAsc(dataset).forEach((file) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", file.getName());
			entry.put("format", file.getFormat());
			entry.put("sha256", file.getSha256());
			entry.put("answers", file.getAnswers());
			entry.put("imported_at", file.getImportedAt());
			fileList.add(entry);
		});
		json.put("files", fileList);
		return json;
	}

	private static Map<String, Object> brief(Dataset dataset) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("slug", dataset.getSlug());
		json.put("title", dataset.getTitle());
		return json;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
