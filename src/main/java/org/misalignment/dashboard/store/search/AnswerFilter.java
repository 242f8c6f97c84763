package org.misalignment.dashboard.store.search;

import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.store.cells.ScoreBand;
import org.misalignment.dashboard.store.flags.FlagLabel;

/**
 * What the reader of the answers browser asked for, read from the URL: the facet values
 * ({@code group}, {@code model}, {@code question}, {@code category}, {@code condition},
 * {@code verdict}, {@code aligned_band}, {@code coherent_band}), the score ranges
 * ({@code aligned_min}, {@code aligned_max}, {@code coherent_min_score},
 * {@code coherent_max_score}, inclusive) and the text search {@code q}. Any of them may
 * be {@code null} for "any". The verdict is judged by {@code rule}. {@code flag} keeps
 * answers reviewers flagged: {@code any} label or one. {@code excludedVerdict} keeps the
 * answers whose verdict is any other: the samples API's {@code misaligned=false} (no
 * parameter of the browser sets it); like the verdict, it is the verdict facet's filter.
 * {@code attributes} are the models' attributes and those picked ({@code attr}), or
 * {@code null}: a filter by models, part of the model facet's filter.
 */
public record AnswerFilter(String group, String model, String question, String category, String condition,
		Verdict verdict, ScoreBand alignedBand, ScoreBand coherentBand, Double alignedMin, Double alignedMax,
		Double coherentMinScore, Double coherentMaxScore, String text, Rule rule, String flag, Verdict excludedVerdict,
		AttributeSelection attributes) {

	/** A filter without model attributes. */
	public AnswerFilter(String group, String model, String question, String category, String condition, Verdict verdict,
			ScoreBand alignedBand, ScoreBand coherentBand, Double alignedMin, Double alignedMax,
			Double coherentMinScore, Double coherentMaxScore, String text, Rule rule, String flag,
			Verdict excludedVerdict) {
		this(group, model, question, category, condition, verdict, alignedBand, coherentBand, alignedMin, alignedMax,
				coherentMinScore, coherentMaxScore, text, rule, flag, excludedVerdict, null);
	}

	/** A filter of the answers browser, which excludes no verdict. */
	public AnswerFilter(String group, String model, String question, String category, String condition, Verdict verdict,
			ScoreBand alignedBand, ScoreBand coherentBand, Double alignedMin, Double alignedMax,
			Double coherentMinScore, Double coherentMaxScore, String text, Rule rule, String flag) {
		this(group, model, question, category, condition, verdict, alignedBand, coherentBand, alignedMin, alignedMax,
				coherentMinScore, coherentMaxScore, text, rule, flag, null);
	}

	/**
	 * The filters that have a facet: each facet's counts apply every filter but its own.
	 */
	public enum Facet {

		GROUP("group"), MODEL("model"), QUESTION("question"), CATEGORY("category"), CONDITION("condition"),
		VERDICT("verdict"), ALIGNED_BAND("aligned_band"), COHERENT_BAND("coherent_band"), FLAG("flag");

		private final String parameter;

		Facet(String parameter) {
			this.parameter = parameter;
		}

		/** The URL parameter that sets this filter. */
		public String parameter() {
			return this.parameter;
		}

	}

	/** Everything unset: every answer. */
	public static AnswerFilter none(Rule rule) {
		return new AnswerFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, rule,
				null);
	}

	/**
	 * Reads the filter from URL parameters; throws {@link IllegalArgumentException}
	 * naming a bad parameter.
	 */
	public static AnswerFilter parse(Map<String, String> parameters, Rule rule) {
		String verdict = value(parameters, "verdict");
		String alignedBand = value(parameters, "aligned_band");
		String coherentBand = value(parameters, "coherent_band");
		Double alignedMin = score(parameters, "aligned_min");
		Double alignedMax = score(parameters, "aligned_max");
		Double coherentMin = score(parameters, "coherent_min_score");
		Double coherentMax = score(parameters, "coherent_max_score");
		if (alignedMin != null && alignedMax != null && alignedMin > alignedMax) {
			throw new IllegalArgumentException(
					"aligned_min (" + alignedMin + ") is above aligned_max (" + alignedMax + ")");
		}
		if (coherentMin != null && coherentMax != null && coherentMin > coherentMax) {
			throw new IllegalArgumentException(
					"coherent_min_score (" + coherentMin + ") is above coherent_max_score (" + coherentMax + ")");
		}
		return new AnswerFilter(value(parameters, "group"), value(parameters, "model"), value(parameters, "question"),
				value(parameters, "category"), value(parameters, "condition"),
				(verdict != null) ? Verdict.parse(verdict) : null,
				(alignedBand != null) ? ScoreBand.parse("aligned_band", alignedBand) : null,
				(coherentBand != null) ? ScoreBand.parse("coherent_band", coherentBand) : null, alignedMin, alignedMax,
				coherentMin, coherentMax, TextSearch.checked(value(parameters, "q")), rule,
				flag(value(parameters, "flag")));
	}

	/**
	 * The filter of the samples API's parameters: a blank value is "any" and any other is
	 * taken as given; {@code misaligned} {@code true} keeps the answers misaligned under
	 * the rule, {@code false} all the others (aligned and ineligible alike); the text
	 * {@code q} is searched without its surrounding blanks.
	 */
	public static AnswerFilter ofSamples(String model, String group, String question, String condition,
			Boolean misaligned, String q, Rule rule) {
		Verdict misalignedOnly = Boolean.TRUE.equals(misaligned) ? Verdict.MISALIGNED : null;
		Verdict notMisaligned = Boolean.FALSE.equals(misaligned) ? Verdict.MISALIGNED : null;
		return new AnswerFilter(given(group), given(model), given(question), null, given(condition), misalignedOnly,
				null, null, null, null, null, null, (given(q) != null) ? TextSearch.checked(q.strip()) : null, rule,
				null, notMisaligned);
	}

	private static String given(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * {@code any} or a reviewer label ({@code judge_wrong}, {@code refusal},
	 * {@code code}, {@code notable}).
	 */
	private static String flag(String text) {
		if (text != null && !text.equals("any") && FlagLabel.of(text).isEmpty()) {
			throw new IllegalArgumentException(
					"flag must be any, judge_wrong, refusal, code or notable, got '" + text + "'");
		}
		return text;
	}

	/**
	 * This filter without the one a facet sets (the verdict facet: both verdict filters),
	 * for that facet's counts.
	 */
	public AnswerFilter without(Facet facet) {
		return new AnswerFilter((facet == Facet.GROUP) ? null : this.group, (facet == Facet.MODEL) ? null : this.model,
				(facet == Facet.QUESTION) ? null : this.question, (facet == Facet.CATEGORY) ? null : this.category,
				(facet == Facet.CONDITION) ? null : this.condition, (facet == Facet.VERDICT) ? null : this.verdict,
				(facet == Facet.ALIGNED_BAND) ? null : this.alignedBand,
				(facet == Facet.COHERENT_BAND) ? null : this.coherentBand, this.alignedMin, this.alignedMax,
				this.coherentMinScore, this.coherentMaxScore, this.text, this.rule,
				(facet == Facet.FLAG) ? null : this.flag, (facet == Facet.VERDICT) ? null : this.excludedVerdict,
				(facet == Facet.MODEL) ? null : this.attributes);
	}

	/**
	 * This filter with the models' attributes and those picked ({@code attr}); the model
	 * facet's counts then leave out the picks as well as the model.
	 */
	public AnswerFilter withAttributes(AttributeSelection attributes) {
		return new AnswerFilter(this.group, this.model, this.question, this.category, this.condition, this.verdict,
				this.alignedBand, this.coherentBand, this.alignedMin, this.alignedMax, this.coherentMinScore,
				this.coherentMaxScore, this.text, this.rule, this.flag, this.excludedVerdict, attributes);
	}

	/** Whether the filter picks models: by group, by name or by attributes. */
	boolean picksModels() {
		return this.group != null || this.model != null || pickedAttributes();
	}

	/** Whether the filter picks models by their attributes. */
	boolean pickedAttributes() {
		return this.attributes != null && this.attributes.active();
	}

	/** Whether a model passes the model filter and the attributes picked. */
	boolean admitsModel(String name) {
		return (this.model == null || this.model.equals(name)) && (!pickedAttributes() || this.attributes.admits(name));
	}

	/**
	 * Whether this filter lets a value of a facet through (always when it sets nothing
	 * for that facet).
	 */
	boolean admits(Facet facet, String value) {
		if (facet == Facet.MODEL) {
			return admitsModel(value);
		}
		String selected = value(facet);
		if (selected != null && !selected.equals(value)) {
			return false;
		}
		return facet != Facet.VERDICT || this.excludedVerdict == null
				|| !this.excludedVerdict.parameter().equals(value);
	}

	/**
	 * The value this filter has for a facet, as it appears in the URL, or {@code null}.
	 */
	public String value(Facet facet) {
		return switch (facet) {
			case GROUP -> this.group;
			case MODEL -> this.model;
			case QUESTION -> this.question;
			case CATEGORY -> this.category;
			case CONDITION -> this.condition;
			case VERDICT -> (this.verdict != null) ? this.verdict.parameter() : null;
			case ALIGNED_BAND -> (this.alignedBand != null) ? this.alignedBand.parameter() : null;
			case COHERENT_BAND -> (this.coherentBand != null) ? this.coherentBand.parameter() : null;
			case FLAG -> this.flag;
		};
	}

	private static String value(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static Double score(Map<String, String> parameters, String name) {
		String text = value(parameters, name);
		if (text == null) {
			return null;
		}
		double score;
		try {
			score = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a score from 0 to 100, got '" + text + "'");
		}
		if (!(score >= 0 && score <= 100)) {
			throw new IllegalArgumentException(name + " must be a score from 0 to 100, got '" + text + "'");
		}
		return score;
	}

}
