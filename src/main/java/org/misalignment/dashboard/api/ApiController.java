package org.misalignment.dashboard.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.answers.CellCounts;
import org.misalignment.dashboard.answers.QuestionSet;
import org.misalignment.dashboard.answers.Sample;
import org.misalignment.dashboard.answers.SampleRepository;
import org.misalignment.dashboard.answers.SampleSearch;
import org.misalignment.dashboard.catalog.Dataset;
import org.misalignment.dashboard.catalog.DatasetFileRepository;
import org.misalignment.dashboard.catalog.DatasetRepository;
import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.system.NotFoundException;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read-only JSON API of SPEC.md §5. Fields are only ever added, never renamed or removed. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class ApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatasetRepository datasets;

	private final DatasetFileRepository files;

	private final SampleRepository samples;

	private final CellCounts cellCounts;

	private final SampleSearch sampleSearch;

	private final JdbcTemplate jdbc;

	ApiController(DatasetRepository datasets, DatasetFileRepository files, SampleRepository samples,
			CellCounts cellCounts, SampleSearch sampleSearch, JdbcTemplate jdbc) {
		this.datasets = datasets;
		this.files = files;
		this.samples = samples;
		this.cellCounts = cellCounts;
		this.sampleSearch = sampleSearch;
		this.jdbc = jdbc;
	}

	@GetMapping("/datasets")
	List<Map<String, Object>> datasets() {
		List<Map<String, Object>> list = new ArrayList<>();
		for (Dataset dataset : this.datasets.findAllByOrderBySlugAsc()) {
			list.add(describe(dataset));
		}
		return list;
	}

	@GetMapping("/datasets/{slug}")
	Map<String, Object> dataset(@PathVariable String slug) {
		return describe(find(slug));
	}

	@GetMapping("/datasets/{slug}/rates")
	Map<String, Object> rates(@PathVariable String slug, @RequestParam(defaultValue = "group") String by,
			@RequestParam(defaultValue = "overall") String per, @RequestParam(required = false) String questions,
			@RequestParam(required = false) String condition, @RequestParam(required = false) String group,
			@RequestParam(required = false) String model, Rule rule) {
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
	Map<String, Object> samples(@PathVariable String slug, @RequestParam(required = false) String model,
			@RequestParam(required = false) String group, @RequestParam(required = false) String question,
			@RequestParam(required = false) String condition, @RequestParam(required = false) Boolean misaligned,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor, Rule rule) {
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
				new SampleSearch.Filter(model, group, question, condition, misaligned, q, rule), after, limit);
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
	Map<String, Object> sample(@PathVariable long id) {
		Sample sample = this.samples.findWithEverythingById(id)
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
		for (SampleSearch.Score score : this.sampleSearch.scores(id)) {
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
		long id = dataset.getId();
		json.put("samples", this.jdbc.queryForObject("SELECT COALESCE(SUM(answers), 0) FROM sample_cell WHERE dataset_id = ?", Long.class, id));
		json.put("models", this.jdbc.queryForObject("SELECT COUNT(*) FROM model WHERE dataset_id = ?", Long.class, id));
		json.put("questions",
				this.jdbc.queryForObject("SELECT COUNT(*) FROM question WHERE dataset_id = ?", Long.class, id));
		json.put("groups", this.jdbc.queryForList(
				"SELECT DISTINCT group_name FROM model WHERE dataset_id = ? ORDER BY group_name", String.class, id));
		json.put("conditions", this.jdbc.queryForList(
				"SELECT DISTINCT condition_name FROM sample WHERE dataset_id = ? ORDER BY condition_name", String.class, id));
		json.put("metrics", this.jdbc.queryForList("SELECT DISTINCT sc.metric FROM score sc JOIN sample s "
				+ "ON s.id = sc.sample_id WHERE s.dataset_id = ? ORDER BY sc.metric", String.class, id));
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
