package org.misalignment.dashboard.web.answers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.misalignment.dashboard.rates.ShortNumber;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;
import org.misalignment.dashboard.store.search.AnswerOrder;
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.AttributeSelection;

/**
 * The answers browser's facets, filters in effect and sort choices as the page lists
 * them: titles and labels in words, long facets capped with a "more" link.
 */
final class AnswerFacets {

	/** Values a long facet shows before its "more" link. */
	static final int FACET_CAP = 30;

	private AnswerFacets() {
	}

	/** One value of a facet as the page lists it. */
	record Choice(String value, String label, long count, boolean active) {
	}

	/**
	 * A facet: its values (capped unless expanded) and how many more there are;
	 * {@code attribute} when it is a model attribute's ({@code attr=NAME:VALUE}), whose
	 * values combine instead of replacing each other.
	 */
	record FacetList(String parameter, String title, List<Choice> choices, int hidden, boolean expanded,
			boolean attribute) {

		/** Whether the list is shown whole though it is long: it offers "Show fewer". */
		public boolean collapsible() {
			return this.expanded && this.choices.size() > FACET_CAP;
		}

	}

	/**
	 * A filter in effect, with the parameter that removes it; {@code pair}, for a model
	 * attribute, the {@code NAME:VALUE} that removes it alone (else {@code null}).
	 */
	record ActiveFilter(String parameter, String label, String value, String pair) {

		ActiveFilter(String parameter, String label, String value) {
			this(parameter, label, value, null);
		}

	}

	record SortChoice(String parameter, String label, boolean active) {
	}

	/** The parameter that lists names by count ({@code facet_order=count}). */
	static final String ORDER_PARAMETER = "facet_order";

	/** Facets whose values are names, which the count order re-sorts. */
	private static final Set<Facet> NAMED = EnumSet.of(Facet.GROUP, Facet.MODEL, Facet.QUESTION, Facet.CATEGORY,
			Facet.CONDITION);

	/**
	 * Whether {@code facet_order} asks for names by count; anything but {@code count} or
	 * nothing is refused.
	 */
	static boolean byCount(String order) {
		if (order == null || order.isBlank()) {
			return false;
		}
		if (order.strip().equals("count")) {
			return true;
		}
		throw new IllegalArgumentException(ORDER_PARAMETER + ": '" + order
				+ "' is not an order of facets; use facet_order=count (most answers first), or leave it out for the site's order");
	}

	/**
	 * Every facet of the counts, in the filter's order; {@code more} names the one shown
	 * whole. Names are in the site's order, or most answers first when {@code byCount}.
	 */
	static List<FacetList> of(AnswerSearch.Facets counted, String more, boolean byCount) {
		List<FacetList> facets = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			List<AnswerSearch.FacetValue> values = counted.values().get(facet);
			if (byCount && NAMED.contains(facet)) {
				values = values.stream()
					.sorted(Comparator.comparingLong(AnswerSearch.FacetValue::count).reversed())
					.toList();
			}
			facets.add(facetList(facet, values, facet.parameter().equals(more)));
			if (facet == Facet.MODEL) {
				counted.attributes()
					.forEach((name,
							attributeValues) -> facets.add(attributeList(name,
									byCount ? attributeValues.stream()
										.sorted(Comparator.comparingLong(AnswerSearch.FacetValue::count).reversed())
										.toList() : attributeValues,
									AttributeSelection.PARAMETER.equals(more))));
			}
		}
		return facets;
	}

	/**
	 * A model attribute's facet: its values with their answers, each choice's value the
	 * {@code NAME:VALUE} of {@code attr}.
	 */
	private static FacetList attributeList(String name, List<AnswerSearch.FacetValue> values, boolean expanded) {
		List<Choice> choices = new ArrayList<>();
		int hidden = 0;
		for (int i = 0; i < values.size(); i++) {
			AnswerSearch.FacetValue value = values.get(i);
			if (expanded || i < FACET_CAP || value.active()) {
				choices.add(new Choice(name + ":" + value.value(), value.value(), value.count(), value.active()));
			}
			else {
				hidden++;
			}
		}
		return new FacetList(AttributeSelection.PARAMETER, name, choices, hidden, expanded, true);
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
		return new FacetList(facet.parameter(), title(facet), choices, hidden, expanded, false);
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

	/** The filters in effect, each with the parameter that removes it. */
	static List<ActiveFilter> active(AnswerFilter filter) {
		List<ActiveFilter> active = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			String value = filter.value(facet);
			if (value != null) {
				active.add(new ActiveFilter(facet.parameter(), title(facet), label(facet, value)));
			}
		}
		if (filter.attributes() != null) {
			filter.attributes()
				.selected()
				.forEach((name, values) -> values.forEach((value) -> active
					.add(new ActiveFilter(AttributeSelection.PARAMETER, name, value, name + ":" + value))));
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
			active.add(new ActiveFilter(parameter, label, ShortNumber.of(value)));
		}
	}

	static List<SortChoice> sorts(AnswerOrder order) {
		return List.of(new SortChoice("id", "import order", order == AnswerOrder.ID),
				new SortChoice("aligned", "aligned, lowest first", order == AnswerOrder.ALIGNED),
				new SortChoice("-aligned", "aligned, highest first", order == AnswerOrder.ALIGNED_DESC),
				new SortChoice("coherent", "coherent, lowest first", order == AnswerOrder.COHERENT),
				new SortChoice("-coherent", "coherent, highest first", order == AnswerOrder.COHERENT_DESC));
	}

}
