package org.misalignment.dashboard.web.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.AnswerText;
import org.misalignment.dashboard.store.answers.Sample;
import org.misalignment.dashboard.store.answers.SampleRepository;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetJudges;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.catalog.ModelAttributes;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerOrder;
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.AttributeSelection;
import org.misalignment.dashboard.store.search.FilterTotals;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The reviewers' answers browser ({@code /d/{slug}/answers}: facets with counts, score
 * ranges, search, sort, keyset pages) and the permalink of one answer
 * ({@code /answers/{id}}), whose previous and next links stay within the filter of the
 * browser it was opened from (the filter travels in the query string).
 */
@Controller
class AnswersController {

	static final int DEFAULT_LIMIT = 25;

	static final int MAX_LIMIT = 100;

	/** What "Clear all filters" keeps: how answers are judged, ordered and paged. */
	private static final List<String> KEPT_WHEN_CLEARING = keptWhenClearing();

	private final DatasetRepository datasets;

	private final SampleRepository samples;

	private final AnswerScores answerScores;

	private final AnswerSearch search;

	private final ReviewerFlags flags;

	private final FilterTotals filterTotals;

	private final DatasetNames names;

	private final MessageSource messages;

	private final ModelAttributes attributes;

	private final DatasetJudges judges;

	AnswersController(DatasetRepository datasets, SampleRepository samples, AnswerScores answerScores,
			AnswerSearch search, ReviewerFlags flags, FilterTotals filterTotals, DatasetNames names,
			MessageSource messages, ModelAttributes attributes, DatasetJudges judges) {
		this.messages = messages;
		this.attributes = attributes;
		this.judges = judges;
		this.datasets = datasets;
		this.names = names;
		this.samples = samples;
		this.answerScores = answerScores;
		this.search = search;
		this.flags = flags;
		this.filterTotals = filterTotals;
	}

	@GetMapping("/d/{slug}/answers")
	String browse(@PathVariable String slug, @RequestParam Map<String, String> parameters,
			@RequestParam(name = AttributeSelection.PARAMETER, required = false) List<String> attr, Rule rule,
			Model model) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		AnswerFilter filter = parse(parameters, attr, rule, dataset.getId());
		this.names.of(dataset)
			.filter(filter.group(), filter.model(), filter.question(), filter.category(), filter.condition());
		AnswerOrder order = AnswerOrder.parse(parameters.get("sort"));
		boolean facetsByCount = AnswerFacets.byCount(parameters.get(AnswerFacets.ORDER_PARAMETER));
		int limit = limit(parameters.get("limit"));
		String cursor = parameters.get("cursor");
		AnswerOrder.Position after = (cursor == null || cursor.isBlank()) ? null : order.parseCursor(cursor);

		AnswerSearch.Facets counted = this.search.facets(dataset.getId(), filter);
		AnswerSearch.Page page = this.search.page(dataset.getId(), filter, order, after, limit, counted.total());
		List<String> metrics = this.search.otherMetrics(dataset.getId());
		BrowserPage shown = new BrowserPage(dataset, rule, filter,
				AnswerFacets.of(counted, parameters.get("more"), facetsByCount), facetsByCount,
				AnswerFacets.active(filter), AnswerFacets.sorts(order), order.parameter(), counted.total(),
				page.cards(), (page.next() != null) ? page.next().format(order) : null, after == null, limit,
				clearLink(slug, parameters),
				VerdictWords.ruleSummary(this.messages, LocaleContextHolder.getLocale(), rule), counted, metrics,
				(answer) -> this.search.export(dataset.getId(), filter, order, metrics, answer),
				ServletUriComponentsBuilder.fromCurrentContextPath().path("/answers/").toUriString());
		return PageRecords.show(model, shown, "answers/browser");
	}

	@GetMapping("/answers/{id}")
	String answer(@PathVariable String id, @RequestParam Map<String, String> parameters,
			@RequestParam(name = AttributeSelection.PARAMETER, required = false) List<String> attr, Rule rule,
			Model model) {
		long number = answerId(id);
		Sample sample = visibleSample(number);
		AnswerFilter filter = parse(parameters, attr, rule, sample.getDataset().getId());
		AnswerOrder order = AnswerOrder.parse(parameters.get("sort"));
		long datasetId = sample.getDataset().getId();
		List<JudgeScore> scores = this.answerScores.scores(number)
			.stream()
			.map((score) -> JudgeScore.of(score.metric(), score.value(), score.judgeTokens(), score.grade()))
			.toList();
		Double aligned = sample.getAligned();
		Double coherent = sample.getCoherent();
		// where it stands ("k of N") and even N are counts over the list: its fragment
		// loads after the page
		AnswerPage shown = new AnswerPage(sample.getDataset(), sample, rule, scores,
				AnswerText.looksLikeCode(sample.getAnswer()), Verdict.of(rule, aligned, coherent).parameter(),
				rule.eligible(aligned, coherent),
				this.search.neighbours(datasetId, filter, order, number, listed(rule, aligned, scores, true),
						listed(rule, coherent, scores, false)),
				!AnswerFacets.active(filter).isEmpty(),
				VerdictWords.ruleSummary(this.messages, LocaleContextHolder.getLocale(), rule),
				VerdictWords.reason(this.messages, LocaleContextHolder.getLocale(), rule, aligned, coherent),
				judgeVerdict(sample, rule, scores),
				ServletUriComponentsBuilder.fromCurrentContextPath()
					.path("/answers/{id}")
					.buildAndExpand(number)
					.toUriString(),
				this.flags.current(number), FlagLabel.values());
		return PageRecords.show(model, shown, "answers/answer");
	}

	/**
	 * The answer's verdict under the rule's judge X (its {@code aligned_X} and
	 * {@code coherent_X} scores, the rule's thresholds), or null for the plain pair. A
	 * judge the answer's dataset does not have is refused, naming the judges it has.
	 */
	private AnswerPage.JudgeVerdict judgeVerdict(Sample sample, Rule rule, List<JudgeScore> scores) {
		if (rule.plainJudge()) {
			return null;
		}
		Dataset dataset = sample.getDataset();
		DatasetNames.Names.require("judge", rule.judge(), this.judges.judges(dataset.getId()), "judge",
				dataset.getSlug());
		Double aligned = value(scores, rule.alignedMetric());
		Double coherent = value(scores, rule.coherentMetric());
		Locale locale = LocaleContextHolder.getLocale();
		return new AnswerPage.JudgeVerdict(rule.judge(), rule.alignedMetric(), rule.coherentMetric(), aligned, coherent,
				Verdict.of(rule, aligned, coherent).parameter(),
				VerdictWords.reason(this.messages, locale, rule, aligned, coherent));
	}

	/**
	 * The answer's score its list is ordered by: the plain one, or under {@code judge=X}
	 * judge X's ({@code aligned_X} or {@code coherent_X}), as the list reads them.
	 */
	private static Double listed(Rule rule, Double plain, List<JudgeScore> scores, boolean aligned) {
		if (rule.plainJudge()) {
			return plain;
		}
		return value(scores, aligned ? rule.alignedMetric() : rule.coherentMetric());
	}

	private static Double value(List<JudgeScore> scores, String metric) {
		return scores.stream()
			.filter((score) -> score.metric().equals(metric))
			.map(JudgeScore::value)
			.filter((value) -> value != null)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Where an answer stands in the list it was opened from ("answer 5 of 120"), as a
	 * fragment the answer page loads after it has shown, and as a plain page without
	 * JavaScript. Counting the answers ahead of it takes time in proportion to the list,
	 * which the answer page itself does not wait for.
	 */
	@GetMapping("/answers/{id}/position")
	String position(@PathVariable String id, @RequestParam Map<String, String> parameters,
			@RequestParam(name = AttributeSelection.PARAMETER, required = false) List<String> attr, Rule rule,
			Model model) {
		long number = answerId(id);
		Sample sample = visibleSample(number);
		AnswerFilter filter = parse(parameters, attr, rule, sample.getDataset().getId());
		AnswerOrder order = AnswerOrder.parse(parameters.get("sort"));
		long datasetId = sample.getDataset().getId();
		OptionalLong total = this.filterTotals.answers(datasetId, filter);
		List<JudgeScore> scores = rule.plainJudge() ? List.of()
				: this.answerScores.scores(number)
					.stream()
					.map((score) -> JudgeScore.of(score.metric(), score.value(), score.judgeTokens(), score.grade()))
					.toList();
		AnswerSearch.Place place = this.search.place(datasetId, filter, order, number,
				listed(rule, sample.getAligned(), scores, true), listed(rule, sample.getCoherent(), scores, false),
				total.isPresent() ? total.getAsLong() : null);
		PositionPage shown = new PositionPage(sample.getDataset(), sample, rule, order.parameter(), place,
				!AnswerFacets.active(filter).isEmpty());
		return PageRecords.show(model, shown, "answers/position");
	}

	/**
	 * The filter of the URL, with the models' attributes and those picked
	 * ({@code attr=NAME:VALUE}, repeatable).
	 */
	private AnswerFilter parse(Map<String, String> parameters, List<String> attr, Rule rule, long datasetId) {
		return AnswerFilter.parse(parameters, rule)
			.withAttributes(AttributeSelection.parse(attr, this.attributes.byModel(datasetId)));
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

	private static List<String> keptWhenClearing() {
		List<String> kept = new ArrayList<>(RuleParameters.NAMES);
		kept.addAll(List.of("sort", "limit"));
		return List.copyOf(kept);
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
		throw new IllegalArgumentException(
				"limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
	}

}
