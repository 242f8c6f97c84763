package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.store.search.AnswerSearch.FacetValue;

/**
 * The answers browser's model attributes ({@code attr=NAME:VALUE}, repeatable): the
 * attributes of a dataset's models by model name, and the values picked of each
 * attribute. Several values of one attribute admit a model having any of them; different
 * attributes must all be met. A filter by attributes is a filter by the models that meet
 * it, so it narrows answers as the model facet does, by model id.
 *
 * @param byModel every model's attributes, by model name and then attribute name
 * @param selected the values picked, by attribute name (none: every model)
 */
public record AttributeSelection(Map<String, Map<String, String>> byModel, Map<String, Set<String>> selected) {

	/** The URL parameter. */
	public static final String PARAMETER = "attr";

	/**
	 * Reads the {@code attr} values against the models' attributes; throws
	 * {@link IllegalArgumentException} naming an unknown attribute or value and what
	 * exists.
	 */
	public static AttributeSelection parse(Collection<String> given, Map<String, Map<String, String>> byModel) {
		Map<String, Set<String>> known = known(byModel);
		Map<String, Set<String>> selected = new LinkedHashMap<>();
		for (String text : (given != null) ? given : List.<String>of()) {
			if (text == null || text.isBlank()) {
				continue;
			}
			String pair = text.strip();
			int colon = pair.indexOf(':');
			if (colon <= 0) {
				throw new IllegalArgumentException(
						PARAMETER + " must be NAME:VALUE, e.g. attr=size_b:14, got '" + pair + "'");
			}
			String name = pair.substring(0, colon).strip();
			String value = pair.substring(colon + 1).strip();
			Set<String> values = known.get(name);
			if (values == null) {
				throw new IllegalArgumentException(known.isEmpty()
						? PARAMETER + ": the models of this dataset have no attributes, so '" + name + "' is unknown"
						: PARAMETER + ": no model has an attribute '" + name + "'; the models have "
								+ String.join(", ", known.keySet()));
			}
			if (!values.contains(value)) {
				throw new IllegalArgumentException(PARAMETER + ": no model has " + name + " '" + value
						+ "'; its values are " + String.join(", ", values));
			}
			selected.computeIfAbsent(name, (k) -> new LinkedHashSet<>()).add(value);
		}
		return new AttributeSelection(byModel, selected);
	}

	/** Every attribute's values, names and values in natural order. */
	private static Map<String, Set<String>> known(Map<String, Map<String, String>> byModel) {
		Map<String, Set<String>> known = new TreeMap<>(NaturalOrder.TEXT);
		byModel.values()
			.forEach((attributes) -> attributes.forEach(
					(name, value) -> known.computeIfAbsent(name, (k) -> new TreeSet<>(NaturalOrder.TEXT)).add(value)));
		return known;
	}

	/** Whether any value is picked. */
	public boolean active() {
		return !this.selected.isEmpty();
	}

	/** Whether a model meets every picked attribute. */
	boolean admits(String model) {
		return admitsBut(model, null);
	}

	/** Whether a model meets every picked attribute but {@code name}. */
	private boolean admitsBut(String model, String name) {
		Map<String, String> attributes = this.byModel.getOrDefault(model, Map.of());
		for (Map.Entry<String, Set<String>> picked : this.selected.entrySet()) {
			if (!picked.getKey().equals(name) && !picked.getValue().contains(attributes.get(picked.getKey()))) {
				return false;
			}
		}
		return true;
	}

	/** The picked values as {@code NAME:VALUE}, as the URL gives them. */
	public List<String> parameters() {
		List<String> parameters = new ArrayList<>();
		this.selected.forEach((name, values) -> values.forEach((value) -> parameters.add(name + ":" + value)));
		return parameters;
	}

	/**
	 * Each attribute's values with their answers: the sum of the answers of the models
	 * having the value, counted under every filter but the model's and the attributes'
	 * ({@code modelCounts}, the model facet's counts), of the models the model filter
	 * ({@code model}) and the other attributes' picks admit. Values without answers are
	 * left out unless picked.
	 */
	Map<String, List<FacetValue>> facets(Map<String, Long> modelCounts, String model) {
		Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
		known(this.byModel).forEach((name, values) -> {
			Map<String, Long> counts = new LinkedHashMap<>();
			this.byModel.forEach((modelName, attributes) -> {
				String value = attributes.get(name);
				if (value != null && (model == null || model.equals(modelName)) && admitsBut(modelName, name)) {
					counts.merge(value, modelCounts.getOrDefault(modelName, 0L), Long::sum);
				}
			});
			Set<String> picked = this.selected.getOrDefault(name, Set.of());
			List<FacetValue> list = new ArrayList<>();
			for (String value : values) {
				long count = counts.getOrDefault(value, 0L);
				if (count > 0 || picked.contains(value)) {
					list.add(new FacetValue(value, count, picked.contains(value)));
				}
			}
			facets.put(name, list);
		});
		return facets;
	}

}
