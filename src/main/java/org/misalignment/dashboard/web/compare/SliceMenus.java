package org.misalignment.dashboard.web.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.store.catalog.DatasetNames;
import org.misalignment.dashboard.store.catalog.OverviewQueries;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The compare builder: menus of what the dataset holds (groups, models, conditions,
 * question variants, question sets) for each side, so that nobody has to type a slice.
 * The builder's form sends {@code a_group}, {@code a_model}, {@code a_condition},
 * {@code a_variant} (and the same for {@code b} and {@code c}); the page writes them as
 * slices and redirects to the URL with {@code a=…&b=…}, the one a reader shares.
 *
 * @param sides the current selection of each side, {@code a}, {@code b} and {@code c}
 */
record SliceMenus(List<String> groups, List<String> models, List<String> conditions, List<String> variants,
		List<OverviewQueries.QuestionSetChoice> questionSets, Map<String, Selection> sides) {

	/** The menu keys, in the order a slice is written. */
	static final List<String> KEYS = List.of("group", "model", "condition", "variant");

	static final List<String> SIDES = List.of("a", "b", "c");

	/**
	 * The URL the builder's choices stand for: the request's other parameters, then each
	 * chosen side as a slice.
	 */
	static String address(String slug, Map<String, String> parameters) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/d/{slug}/compare");
		parameters.forEach((name, value) -> {
			if (!isMenu(name) && !SIDES.contains(name) && !name.equals("cursor")) {
				url.queryParam(name, value);
			}
		});
		for (String side : SIDES) {
			String slice = slice(parameters, side);
			if (slice != null) {
				url.queryParam(side, slice);
			}
		}
		return url.encode().buildAndExpand(slug).toUriString();
	}

	/**
	 * What a side's menus show selected; null is "any" (for the condition: the default,
	 * {@code no_trigger}); {@code fits} is false when the menus cannot show the slice.
	 */
	record Selection(String group, String model, String condition, String variant, boolean fits) {

		static Selection of(String text) {
			if (text == null || text.isBlank()) {
				return new Selection(null, null, null, null, true);
			}
			Slice slice = Slice.parse("slice", text);
			return new Selection((slice.groups().size() == 1) ? slice.groups().get(0) : null,
					(slice.models().size() == 1) ? slice.models().get(0) : null,
					slice.condition().equals(Slice.DEFAULT_CONDITION) ? null : slice.condition(), slice.variant(),
					slice.groups().size() <= 1 && slice.models().size() <= 1 && slice.questions() == null);
		}

	}

	/** What the menus of side {@code a}, {@code b} or {@code c} show selected. */
	public Selection side(String side) {
		return this.sides.get(side);
	}

	/**
	 * Whether a side is written in a way the menus cannot show (several groups or models,
	 * a question set of its own): the page then opens the slices as text.
	 */
	public boolean written() {
		return this.sides.values().stream().anyMatch((side) -> !side.fits());
	}

	static SliceMenus of(DatasetNames.Names known, List<OverviewQueries.QuestionSetChoice> questionSets, String a,
			String b, String c) {
		Map<String, Selection> sides = new LinkedHashMap<>();
		sides.put("a", Selection.of(a));
		sides.put("b", Selection.of(b));
		sides.put("c", Selection.of(c));
		List<String> conditions = known.conditions()
			.stream()
			.filter((condition) -> !condition.equals(Slice.DEFAULT_CONDITION))
			.sorted(NaturalOrder.TEXT)
			.toList();
		return new SliceMenus(sorted(known.groups()), sorted(known.models()), conditions, sorted(known.variants()),
				questionSets, sides);
	}

	private static List<String> sorted(List<String> names) {
		return names.stream().sorted(NaturalOrder.TEXT).toList();
	}

	/**
	 * Whether the builder's form sent this request (any {@code a_group}, … parameter).
	 */
	static boolean sent(Map<String, String> parameters) {
		return parameters.keySet().stream().anyMatch(SliceMenus::isMenu);
	}

	static boolean isMenu(String parameter) {
		int underscore = parameter.indexOf('_');
		return underscore == 1 && SIDES.contains(parameter.substring(0, 1))
				&& KEYS.contains(parameter.substring(underscore + 1));
	}

	/**
	 * The slice the menus of one side chose ({@code group:backdoor;condition:trigger}),
	 * or null when none of its menus chose anything.
	 */
	static String slice(Map<String, String> parameters, String side) {
		List<String> parts = new ArrayList<>();
		for (String key : KEYS) {
			String value = parameters.get(side + "_" + key);
			if (value != null && !value.isBlank()) {
				if (value.contains(";")) {
					throw new IllegalArgumentException(side + "_" + key + ": '" + value + "' holds a ';', which "
							+ "separates the keys of a slice; write this side as " + side + "=… instead");
				}
				parts.add(key + ":" + value.strip());
			}
		}
		return parts.isEmpty() ? null : String.join(";", parts);
	}

}
