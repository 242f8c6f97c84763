package org.misalignment.dashboard.render.share;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.system.Languages;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A chart's words in the reader's language: its title, the lines under an embed or image,
 * and the phrases pages write into their charts' JSON in English ("misaligned answers
 * (%)", "without trigger", …), which the images draw and {@code charts.js} shows through
 * the map in the layout's {@code data-chart-words}. Names from the dataset pass through
 * unchanged.
 */
@Component("chartWords")
public class ChartWords {

	/** The English phrases of chart JSON and charts.js, and their message keys. */
	static final Map<String, String> PHRASES;

	static {
		Map<String, String> phrases = new LinkedHashMap<>();
		phrases.put("misaligned answers (%)", "chart.phrase.yTitle");
		phrases.put("eligible answers", "chart.phrase.eligible");
		phrases.put("without trigger", "chart.phrase.withoutTrigger");
		phrases.put("with trigger", "chart.phrase.withTrigger");
		phrases.put("all questions", "chart.phrase.allQuestions");
		phrases.put("no rate", "chart.phrase.noRate");
		phrases.put("model", "chart.phrase.model");
		phrases.put("models", "chart.phrase.models");
		phrases.put("misaligned", "chart.phrase.misaligned");
		phrases.put("other answers", "chart.phrase.otherAnswers");
		phrases.put("coherent", "chart.phrase.coherent");
		phrases.put("aligned", "chart.phrase.aligned");
		phrases.put("probability", "chart.phrase.probability");
		// in this order on every start (Map.copyOf's order changes from one JVM to the
		// next)
		PHRASES = Collections.unmodifiableMap(phrases);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MessageSource messages;

	ChartWords(MessageSource messages) {
		this.messages = messages;
	}

	/** The language of the request being answered. */
	static Locale locale() {
		return Languages.supported(LocaleContextHolder.getLocale());
	}

	String message(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale());
	}

	/** A chart phrase in the reader's language; anything else (a name) unchanged. */
	String phrase(String english) {
		if (english == null) {
			return null;
		}
		String key = PHRASES.get(english);
		return (key != null) ? message(key) : english;
	}

	/** The phrase map for {@code charts.js}, as JSON: English phrase to shown phrase. */
	public String json() {
		Map<String, String> shown = new LinkedHashMap<>();
		PHRASES.forEach((english, key) -> shown.put(english, message(key)));
		shown.put("interval", message("chart.js.interval"));
		shown.put("n", message("chart.js.n"));
		shown.put("(mean)", message("chart.js.mean"));
		shown.put("(95% interval)", message("chart.js.band"));
		shown.put("(95% interval, low)", message("chart.js.bandLow"));
		shown.put("answers", message("chart.js.answers"));
		return JSON.writeValueAsString(shown);
	}

	/** The chart's title, the same on the share panel, the embed and the images. */
	String title(ChartKind kind, String subject, String condition) {
		String title = message("chart.title." + kind.name().toLowerCase(Locale.ROOT), subject);
		return (condition == null || condition.isBlank()) ? title
				: message("chart.title.condition", title, condition.strip());
	}

	/** The page's chart with its phrases in the reader's language. */
	ChartSpec spec(ChartSpec spec) {
		List<ChartSpec.Series> series = new ArrayList<>();
		for (ChartSpec.Series one : spec.series()) {
			series.add(new ChartSpec.Series(phrase(one.label()), one.values(), one.low(), one.high(), one.n(),
					one.colors()));
		}
		return new ChartSpec(spec.labels().stream().map(this::phrase).toList(), series, phrase(spec.yTitle()),
				phrase(spec.nLabel()));
	}

	String ruleLine(Rule rule) {
		return message("chart.ruleLine", rule.alignedText(), rule.coherentOperator(), rule.coherentText(),
				rule.minEligible());
	}

	String nLine(long n, String nLabel, int bars) {
		return message("chart.nLine", n, (nLabel != null) ? nLabel : message("chart.phrase.eligible"), bars);
	}

	String sourceLine(Dataset dataset) {
		String line = message("chart.source", dataset.getTitle());
		if (dataset.getVersion() != null) {
			line += " · " + message("chart.version", dataset.getVersion());
		}
		if (dataset.getSourceUrl() != null) {
			line += " · " + dataset.getSourceUrl();
		}
		return line;
	}

	String notice(String pinned, String now) {
		return message("chart.notice", pinned, now);
	}

}
