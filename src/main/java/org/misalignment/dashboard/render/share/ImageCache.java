package org.misalignment.dashboard.render.share;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.system.EntityTags;
import org.misalignment.dashboard.system.Languages;

/**
 * The entity tag of a chart image: the dataset's version and a hash of the chart's
 * address and its parameters in a normal form (sorted, empty ones left out, the rule's
 * thresholds as numbers, so {@code aligned_below=30.0} and no {@code aligned_below} at
 * all are one image) and the language its words are in. A re-import changes the version
 * and so every tag.
 */
final class ImageCache {

	/**
	 * Readers get a fresh image within this many seconds of a re-import; before that the
	 * ETag revalidates.
	 */
	static final String CACHE_CONTROL = "public, max-age=600";

	/**
	 * An image's words are in the reader's language, from these headers or {@code lang}.
	 */
	static final String VARY = "Accept-Language, Cookie";

	private ImageCache() {
	}

	static String etag(Dataset dataset, ChartAddress address, Map<String, String[]> parameters, Locale language) {
		Map<String, String> normal = new TreeMap<>();
		parameters.forEach((name, values) -> {
			if (values.length > 0 && !values[0].isBlank() && !RuleParameters.NAMES.contains(name)) {
				normal.put(name, values[0].strip());
			}
		});
		Rule rule = RuleParameters.parse((name) -> first(parameters, name));
		RuleParameters.toParameters(rule).forEach((name, value) -> normal.put(name, String.valueOf(value)));
		String identity = address.kind() + "\n" + address.slug() + "\n" + address.key() + "\n" + address.format() + "\n"
				+ normal + "\n" + Languages.supported(language);
		String version = (dataset.getVersion() != null) ? dataset.getVersion()
				: String.valueOf(dataset.getImportedAt());
		return "\"" + version + "-" + EntityTags.sha256(identity).substring(0, 16) + "\"";
	}

	private static String first(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return (values == null || values.length == 0) ? null : values[0];
	}

}
