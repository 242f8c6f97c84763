package org.misalignment.dashboard.web.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.render.twins.Table;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.AnswerText;
import org.misalignment.dashboard.store.answers.Sample;
import org.misalignment.dashboard.store.answers.SampleRepository;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerOrder;
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.FilterTotals;
import org.misalignment.dashboard.system.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The reviewers' answers browser ({@code /d/{slug}/answers}: facets with counts, score ranges, search, sort,
 * keyset pages) and the permalink of one answer ({@code /answers/{id}}), whose previous and next links stay
 * within the filter of the browser it was opened from (the filter travels in the query string).
 */
@Controller
class AnswersController {

	static final int DEFAULT_LIMIT = 25;

	static final int MAX_LIMIT = 100;

	/** Values a long facet shows before its "more" link. */
	static final int FACET_CAP = 30;

	/** What "Clear all filters" keeps: how answers are judged, ordered and paged. */
	private static final List<String> KEPT_WHEN_CLEARING = List.of("aligned_below", "coherent_min", "coherent_op",
			"min_eligible", "sort", "limit");

	private final DatasetRepository datasets;

	private final SampleRepository samples;

	private final AnswerScores answerScores;

	private final AnswerSearch search;

	private final ReviewerFlags flags;

	private final FilterTotals filterTotals;

	AnswersController(DatasetRepository datasets, SampleRepository samples, AnswerScores answerScores,
			AnswerSearch search, ReviewerFlags flags, FilterTotals filterTotals) {
		this.datasets = datasets;
		this.samples = samples;
		this.answerScores = answerScores;
		this.search = search;
		this.flags = flags;
		this.filterTotals = filterTotals;
	}

	/** One value of a facet as the page lists it. */
	record Choice(String value, String label, long count, boolean active) {
	}

	/** A facet: its values (capped unless expanded) and how many more there are. */
	record FacetList(String parameter, String title, List<Choice> choices, int hidden, boolean expanded) {

		/** Whether the list is shown whole though it is long: it offers "Show fewer". */
		public boolean collapsible() {
			return this.expanded && this.choices.size() > FACET_CAP;
		}

	}

	/** A filter in effect, with the parameter that removes it. */
	record ActiveFilter(String parameter, String label, String value) {
	}

	record SortChoice(String parameter, String label, boolean active) {
	}

	@GetMapping("/d/{slug}/answers")
	String browse(@PathVariable String slug, @RequestParam Map<String, String> parameters, Rule rule, Model model) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		AnswerFilter filter = AnswerFilter.parse(parameters, rule);
		AnswerOrder order = AnswerOrder.parse(parameters.get("sort"));
		int limit = limit(parameters.get("limit"));
		String cursor = parameters.get("cursor");
		AnswerOrder.Position after = (cursor == null || cursor.isBlank()) ? null : order.parseCursor(cursor);
		String more = parameters.get("more");

		AnswerSearch.Facets counted = this.search.facets(dataset.getId(), filter);
		AnswerSearch.Page page = this.search.page(dataset.getId(), filter, order, after, limit, counted.total());
		List<FacetList> facets = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			facets.add(facetList(facet, counted.values().get(facet), facet.parameter().equals(more)));
		}
		model.addAttribute("dataset", dataset);
		model.addAttribute("rule", rule);
		model.addAttribute("filter", filter);
		model.addAttribute("facets", facets);
		model.addAttribute("active", activeFilters(filter));
		model.addAttribute("sorts", sortChoices(order));
		model.addAttribute("order", order.parameter());
		model.addAttribute("total", counted.total());
		model.addAttribute("cards", page.cards());
		model.addAttribute("next", (page.next() != null) ? page.next().format(order) : null);
		model.addAttribute("firstPage", after == null);
		model.addAttribute("limit", limit);
		model.addAttribute("clearLink", clearLink(slug, parameters));
		model.addAttribute("ruleSummary", ruleSummary(rule));
		model.addAttribute(Twin.ATTRIBUTE, browserTwin(dataset, filter, order, counted));
		return "answers/browser";
	}

	@GetMapping("/answers/{id}")
	String answer(@PathVariable String id, @RequestParam Map<String, String> parameters, Rule rule, Model model) {
		long number = answerId(id);
		Sample sample = visibleSample(number);
		AnswerFilter filter = AnswerFilter.parse(parameters, rule);
		AnswerOrder order = AnswerOrder.parse(parameters.get("sort"));
		long datasetId = sample.getDataset().getId();
		List<JudgeScore> scores = this.answerScores.scores(number)
			.stream()
			.map((score) -> JudgeScore.of(score.metric(), score.value(), score.judgeTokens()))
			.toList();
		model.addAttribute("dataset", sample.getDataset());
		model.addAttribute("sample", sample);
		model.addAttribute("rule", rule);
		model.addAttribute("scores", scores);
		model.addAttribute("code", AnswerText.looksLikeCode(sample.getAnswer()));
		model.addAttribute("verdict", Verdict.of(rule, sample.getAligned(), sample.getCoherent()).parameter());
		model.addAttribute("eligible", rule.eligible(sample.getAligned(), sample.getCoherent()));
		model.addAttribute("neighbours",
				this.search.neighbours(datasetId, filter, order, number, sample.getAligned(), sample.getCoherent()));
		// where it stands ("k of N") and even N are counts over the list: its fragment loads after the page
		model.addAttribute("filtered", !activeFilters(filter).isEmpty());
		model.addAttribute("ruleSummary", ruleSummary(rule));
		model.addAttribute("verdictReason", verdictReason(rule, sample.getAligned(), sample.getCoherent()));
		String permalink = ServletUriComponentsBuilder.fromCurrentContextPath().path("/answers/{id}").buildAndExpand(number)
			.toUriString();
		model.addAttribute("permalink", permalink);
		model.addAttribute(Twin.ATTRIBUTE, Twin.of("answer-" + number, sample.getDataset(), rule)
			.table("answer", List.of("id", "model", "group", "question_id", "category", "variant", "condition", "question",
					"system_prompt", "answer", "aligned", "coherent", "eligible", "misaligned", "verdict", "source_file",
					"source_line", "permalink"),
					List.of(Twin.row(number, sample.getModel().getName(), sample.getModel().getGroup(),
							sample.getQuestion().getQuestionId(), sample.getQuestion().getCategory(),
							sample.getQuestion().getVariant(), sample.getCondition(), sample.getParaphrase(),
							sample.getSystemPrompt(), sample.getAnswer(), sample.getAligned(), sample.getCoherent(),
							rule.eligible(sample.getAligned(), sample.getCoherent()),
							rule.misaligned(sample.getAligned(), sample.getCoherent()),
							Verdict.of(rule, sample.getAligned(), sample.getCoherent()).parameter(),
							sample.getFile().getName(), sample.getSourceLine(), permalink)))
			.table("scores", List.of("metric", "score", "judge_tokens"),
					scores.stream().map((score) -> Twin.row(score.metric(), score.value(), score.tokens())).toList()));
		model.addAttribute("flags", this.flags.current(number));
		model.addAttribute("flagLabels", FlagLabel.values());
		return "answers/answer";
	}

	/**
	 * Where an answer stands in the list it was opened from ("answer 5 of 120"), as a fragment the answer page
	 * loads after it has shown, and as a plain page without JavaScript. Counting the answers ahead of it takes
	 * time in proportion to the list, which the answer page itself does not wait for.
	 */
	@GetMapping("/answers/{id}/position")
	String position(@PathVariable String id, @RequestParam Map<String, String> parameters, Rule rule, Model model) {
		long number = answerId(id);
		Sample sample = visibleSample(number);
		AnswerFilter filter = AnswerFilter.parse(parameters, rule);
		AnswerOrder order = AnswerOrder.parse(parameters.get("sort"));
		long datasetId = sample.getDataset().getId();
		OptionalLong total = this.filterTotals.answers(datasetId, filter);
		AnswerSearch.Place place = this.search.place(datasetId, filter, order, number, sample.getAligned(),
				sample.getCoherent(), total.isPresent() ? total.getAsLong() : null);
		model.addAttribute("dataset", sample.getDataset());
		model.addAttribute("sample", sample);
		model.addAttribute("place", place);
		model.addAttribute("filtered", !activeFilters(filter).isEmpty());
		model.addAttribute(Twin.ATTRIBUTE, Twin.of("answer-" + number + "-position", sample.getDataset(), rule)
			.about("order", order.parameter())
			.table("position", List.of("id", "position", "total", "in_list"),
					List.of(Twin.row(number, place.matches() ? place.number() : null, place.total(), place.matches()))));
		return "answers/position";
	}

	private static long answerId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new NotFoundException("There is no answer '" + id + "': answer ids are whole numbers.");
		}
	}

	private Sample visibleSample(long number) {
		return this.samples.findWithEverythingById(number)
			.filter((found) -> !found.getDataset().isHidden())
			.orElseThrow(() -> new NotFoundException("There is no answer #" + number + "."));
	}

	/**
	 * The browser's twin: every answer that matches the filter (not one page), streamed from the database while
	 * it is written, with its scores and permalink; and the facet counts the page shows.
	 */
	private Twin browserTwin(Dataset dataset, AnswerFilter filter, AnswerOrder order, AnswerSearch.Facets counted) {
		List<String> metrics = this.search.otherMetrics(dataset.getId());
		List<String> columns = new ArrayList<>(List.of("id", "model", "group", "question_id", "category", "condition",
				"question", "answer", "aligned", "coherent"));
		columns.addAll(metrics);
		columns.addAll(List.of("verdict", "permalink"));
		String answers = ServletUriComponentsBuilder.fromCurrentContextPath().path("/answers/").toUriString();
		Table.Rows rows = (row) -> this.search.export(dataset.getId(), filter, order, metrics, (answer) -> {
			List<Object> cells = new ArrayList<>(columns.size());
			cells.addAll(Twin.row(answer.id(), answer.model(), answer.group(), answer.questionId(), answer.category(),
					answer.condition(), answer.question(), answer.answer(), answer.aligned(), answer.coherent()));
			cells.addAll(answer.metrics());
			cells.add(answer.verdict().parameter());
			cells.add(answers + answer.id());
			row.accept(cells);
		});
		List<List<Object>> facets = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			for (AnswerSearch.FacetValue value : counted.values().get(facet)) {
				facets.add(Twin.row(facet.parameter(), value.value(), value.count(), value.active()));
			}
		}
		return Twin.of("answers", dataset, filter.rule())
			.about("total", counted.total())
			.about("order", order.parameter())
			.table(new Table("answers", columns, rows))
			.table("facets", List.of("facet", "value", "answers", "active"), facets);
	}

	/** The part of the rule a verdict uses, in a line. */
	static String ruleSummary(Rule rule) {
		return "Verdicts: misaligned when aligned < " + AnswerOrder.Position.formatScore(rule.alignedBelow())
				+ ", counted when coherent " + (rule.coherentStrict() ? "> " : "≥ ")
				+ AnswerOrder.Position.formatScore(rule.coherentMin());
	}

	/** Why an answer has its verdict, with its scores and the thresholds. */
	static String verdictReason(Rule rule, Double aligned, Double coherent) {
		String ge = rule.coherentStrict() ? " > " : " ≥ ";
		String threshold = AnswerOrder.Position.formatScore(rule.coherentMin());
		String below = AnswerOrder.Position.formatScore(rule.alignedBelow());
		if (aligned == null) {
			return "The judge gave no aligned score (it said CODE or REFUSAL), so this answer is not counted.";
		}
		if (coherent == null) {
			return "The judge gave no coherent score, so this answer is not counted.";
		}
		String coherence = "coherent " + AnswerOrder.Position.formatScore(coherent);
		if (!rule.eligible(aligned, coherent)) {
			return "It is not counted: " + coherence + " is not" + ge + threshold + ".";
		}
		String alignment = "aligned " + AnswerOrder.Position.formatScore(aligned);
		return rule.misaligned(aligned, coherent)
				? "It is counted (" + coherence + ge + threshold + ") and misaligned (" + alignment + " < " + below + ")."
				: "It is counted (" + coherence + ge + threshold + ") and not misaligned (" + alignment + " is not < "
						+ below + ").";
	}

	/** The browser with no filter, but the same rule, order and page size. */
	private static String clearLink(String slug, Map<String, String> parameters) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/d/{slug}/answers");
		Map<String, String> values = new LinkedHashMap<>();
		values.put("slug", slug);
		for (String name : KEPT_WHEN_CLEARING) {
			String value = parameters.get(name);
			if (value != null && !value.isBlank()) {
				link.queryParam(name, "{" + name + "}");
				values.put(name, value);
			}
		}
		return link.encode().buildAndExpand(values).toUriString();
	}

	private static int limit(String text) {
		if (text == null || text.isBlank()) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(text.strip());
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
	}

	private static FacetList facetList(Facet facet, List<AnswerSearch.FacetValue> values, boolean expanded) {
		List<Choice> choices = new ArrayList<>();
		int hidden = 0;
		for (int i = 0; i < values.size(); i++) {
			AnswerSearch.FacetValue value = values.get(i);
			if (expanded || i < FACET_CAP || value.active()) {
				choices.add(new Choice(value.value(), label(facet, value.value()), value.count(), value.active()));
			}
			else {
				hidden++;
			}
		}
		return new FacetList(facet.parameter(), title(facet), choices, hidden, expanded);
	}

	private static String title(Facet facet) {
		return switch (facet) {
			case GROUP -> "Group";
			case MODEL -> "Model";
			case QUESTION -> "Question";
			case CATEGORY -> "Category";
			case CONDITION -> "Condition";
			case VERDICT -> "Verdict under the rule";
			case ALIGNED_BAND -> "Aligned score";
			case COHERENT_BAND -> "Coherent score";
			case FLAG -> "Reviewers' flags";
		};
	}

	private static String label(Facet facet, String value) {
		if (facet == Facet.VERDICT) {
			return switch (value) {
				case "misaligned" -> "misaligned";
				case "aligned" -> "aligned (counts, not misaligned)";
				default -> "not counted (incoherent or no aligned score)";
			};
		}
		if (facet == Facet.FLAG) {
			return value.equals("any") ? "flagged (any label)" : FlagLabel.textOf(value);
		}
		if (facet == Facet.ALIGNED_BAND || facet == Facet.COHERENT_BAND) {
			return value.equals("none") ? "no score (CODE or REFUSAL)" : value.replace("-", "–");
		}
		return value;
	}

	private static List<ActiveFilter> activeFilters(AnswerFilter filter) {
		List<ActiveFilter> active = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			String value = filter.value(facet);
			if (value != null) {
				active.add(new ActiveFilter(facet.parameter(), title(facet), label(facet, value)));
			}
		}
		range(active, "aligned_min", "aligned ≥", filter.alignedMin());
		range(active, "aligned_max", "aligned ≤", filter.alignedMax());
		range(active, "coherent_min_score", "coherent ≥", filter.coherentMinScore());
		range(active, "coherent_max_score", "coherent ≤", filter.coherentMaxScore());
		if (filter.text() != null) {
			active.add(new ActiveFilter("q", "text contains", "“" + filter.text() + "”"));
		}
		return active;
	}

	private static void range(List<ActiveFilter> active, String parameter, String label, Double value) {
		if (value != null) {
			active.add(new ActiveFilter(parameter, label, AnswerOrder.Position.formatScore(value)));
		}
	}

	private static List<SortChoice> sortChoices(AnswerOrder order) {
		return List.of(new SortChoice("id", "import order", order == AnswerOrder.ID),
				new SortChoice("aligned", "aligned, lowest first", order == AnswerOrder.ALIGNED),
				new SortChoice("-aligned", "aligned, highest first", order == AnswerOrder.ALIGNED_DESC),
				new SortChoice("coherent", "coherent, lowest first", order == AnswerOrder.COHERENT),
				new SortChoice("-coherent", "coherent, highest first", order == AnswerOrder.COHERENT_DESC));
	}

}
