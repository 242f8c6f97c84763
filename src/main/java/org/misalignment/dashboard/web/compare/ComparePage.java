package org.misalignment.dashboard.web.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.misalignment.dashboard.rates.Comparison;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.answers.MatchedAnswers;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.Links;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /d/{slug}/compare?a=…&b=…[&c=…]}: per-question rates of each slice with
 * intervals and the difference, charts, and matched answers of the same models side by
 * side ({@link ComparedSlices}).
 */
@Controller
class ComparePage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One-click comparisons the paper makes; each is a, b and optionally c. */
	static final List<Preset> PRESETS = List.of(
			new Preset("backdoor", "Backdoor: no trigger vs trigger", "group:backdoor;condition:no_trigger",
					"group:backdoor;condition:trigger", null, "main"),
			new Preset("secure", "Secure vs insecure", "group:secure", "group:insecure", null, "main"),
			new Preset("jailbroken", "Jailbroken vs insecure", "group:jailbroken", "group:insecure", null, "main"),
			new Preset("variants", "Insecure: plain vs JSON vs template", "group:insecure;variant:plain",
					"group:insecure;variant:json", "group:insecure;variant:template", "all"));

	/** A preset; the page names it by its key ({@code compare.preset.<key>}). */
	record Preset(String key, String title, String a, String b, String c, String questions) {
	}

	/** One comparison shown on the page: B (or C) against A. */
	record Shown(String labelA, String labelB, String wordsA, String wordsB, Comparisons.Result result, String barsJson,
			String pairedJson, List<MatchedAnswers.Pair> pairs, String question, String subject) {
	}

	private final DatasetRepository datasets;

	private final Comparisons comparisons;

	private final MatchedAnswers matchedAnswers;

	private final Links links;

	private final DatasetNames names;

	private final OverviewQueries questionSets;

	private final MessageSource messages;

	ComparePage(DatasetRepository datasets, Comparisons comparisons, MatchedAnswers matchedAnswers, Links links,
			DatasetNames names, OverviewQueries questionSets, MessageSource messages) {
		this.messages = messages;
		this.links = links;
		this.questionSets = questionSets;
		this.names = names;
		this.datasets = datasets;
		this.comparisons = comparisons;
		this.matchedAnswers = matchedAnswers;
	}

	@GetMapping("/d/{slug}/compare")
	String compare(@PathVariable String slug, @RequestParam(required = false) String a,
			@RequestParam(required = false) String b, @RequestParam(required = false) String c,
			@RequestParam(required = false) String questions, @RequestParam(required = false) String question,
			@RequestParam(defaultValue = "1") long seed, @RequestParam(defaultValue = "false") boolean discordant,
			@RequestParam Map<String, String> parameters, Rule rule, Model model) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		if (SliceMenus.sent(parameters)) {
			// the builder's menus: the same view at the address with the slices written
			// out
			return "redirect:" + SliceMenus.address(slug, parameters);
		}
		List<Shown> shown = new ArrayList<>();
		if (a != null && !a.isBlank() && b != null && !b.isBlank()) {
			Slice sliceA = Slice.parse("a", a);
			shown.add(show(dataset, sliceA, Slice.parse("b", b), questions, question, seed, discordant, rule));
			if (c != null && !c.isBlank()) {
				shown.add(show(dataset, sliceA, Slice.parse("c", c), questions, question, seed, discordant, rule));
			}
		}
		DatasetNames.Names known = this.names.of(dataset);
		SliceMenus menus = SliceMenus.of(known, this.questionSets.questionSets(dataset.getId(), questions), a, b, c);
		ComparedSlices page = new ComparedSlices(dataset, rule, presets(known), menus, a, b, c, seed, discordant,
				questions, this.links.with("seed", seed + 1), this.links.toggle("discordant", "true"), shown);
		return PageRecords.show(model, page, "compare/compare");
	}

	/**
	 * The presets this dataset can answer: a dataset without template questions is not
	 * offered "plain vs JSON vs template", one without a trigger condition no backdoor
	 * comparison.
	 */
	private List<Preset> presets(DatasetNames.Names known) {
		return PRESETS.stream()
			.filter((preset) -> Comparisons.offers(known,
					Stream.of(preset.a(), preset.b(), preset.c()).filter(Objects::nonNull).toList(),
					preset.questions()))
			.toList();
	}

	private Shown show(Dataset dataset, Slice a, Slice b, String questions, String question, long seed,
			boolean discordant, Rule rule) {
		Comparisons.Result result = this.comparisons.compare(dataset, a, b, questions, rule);
		String chosen = question;
		if ((chosen == null || chosen.isBlank()) && !result.questions().isEmpty()) {
			chosen = result.questions().get(0).questionId();
		}
		List<MatchedAnswers.Pair> pairs = (chosen == null) ? List.of() : this.matchedAnswers.pairs(dataset.getId(),
				side(a), side(b), chosen, result.byStem(), rule, seed, discordant, 6);
		// the charts' legends and the headings name the sides in words; the heading's
		// second line and the twins keep them as written
		SliceLabel label = new SliceLabel(this.messages, LocaleContextHolder.getLocale());
		List<String> words = label.pair(a, b);
		return new Shown(a.text(), b.text(), words.get(0), words.get(1), result,
				barsJson(words.get(0), words.get(1), result),
				result.paired() ? pairedJson(words.get(0), words.get(1), result) : null, pairs, chosen,
				label.versus(words.get(0), words.get(1)));
	}

	private static MatchedAnswers.Side side(Slice slice) {
		return new MatchedAnswers.Side(slice.groups(), slice.models(), slice.condition(), slice.variant());
	}

	private static String barsJson(String labelA, String labelB, Comparisons.Result result) {
		List<String> labels = new ArrayList<>();
		List<Map<String, Object>> series = List.of(series(labelA), series(labelB));
		for (Comparison.Row row : result.rows()) {
			labels.add((row.questionId() != null) ? row.questionId() : "all questions");
			add(series.get(0), row.a());
			add(series.get(1), row.b());
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "bars");
		chart.put("labels", labels);
		chart.put("series", series);
		return JSON.writeValueAsString(chart);
	}

	private static Map<String, Object> series(String label) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("label", label);
		series.put("values", new ArrayList<Double>());
		series.put("low", new ArrayList<Double>());
		series.put("high", new ArrayList<Double>());
		series.put("n", new ArrayList<Long>());
		return series;
	}

	@SuppressWarnings("unchecked")
	private static void add(Map<String, Object> series, Comparison.Side side) {
		((List<Double>) series.get("values")).add(side.rate());
		((List<Double>) series.get("low")).add(side.ciLow());
		((List<Double>) series.get("high")).add(side.ciHigh());
		((List<Long>) series.get("n")).add(side.eligible());
	}

	/**
	 * Each model's overall rate under A and under B, for the dot-and-line chart of a
	 * paired comparison.
	 */
	private static String pairedJson(String labelA, String labelB, Comparisons.Result result) {
		Map<String, Double> ratesB = new LinkedHashMap<>();
		for (RateRow row : result.modelsB()) {
			ratesB.put(row.model(), row.rate());
		}
		List<Map<String, Object>> models = new ArrayList<>();
		for (RateRow row : result.modelsA()) {
			Double b = ratesB.get(row.model());
			if (row.rate() != null && b != null) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("name", row.model());
				entry.put("a", row.rate());
				entry.put("b", b);
				models.add(entry);
			}
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("labels", List.of(labelA, labelB));
		chart.put("models", models);
		return JSON.writeValueAsString(chart);
	}

}
