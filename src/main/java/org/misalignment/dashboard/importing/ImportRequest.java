package org.misalignment.dashboard.importing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One import: the files and the files to download first, the dataset they go into
 * ({@code null}: the manifest's, else named after the first file) and the defaults for
 * files that do not name their model, group or condition. A {@code mirror} (or
 * {@code null}) is where a manifest's URLs are downloaded from instead of their hosts;
 * {@code inspect} says how Inspect logs are read.
 */
public record ImportRequest(String dataset, FileDefaults defaults, List<Path> paths, List<Download> downloads,
		URI mirror, InspectOptions inspect) {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

	public ImportRequest(String dataset, FileDefaults defaults, List<Path> paths) {
		this(dataset, defaults, paths, List.of(), null, InspectOptions.NONE);
	}

	public ImportRequest(String dataset, FileDefaults defaults, List<Path> paths, InspectOptions inspect) {
		this(dataset, defaults, paths, List.of(), null, inspect);
	}

	public ImportRequest(String dataset, FileDefaults defaults, List<Path> paths, List<Download> downloads,
			URI mirror) {
		this(dataset, defaults, paths, downloads, mirror, InspectOptions.NONE);
	}

	public ImportRequest(String dataset, String model, String group, String condition, List<Path> paths) {
		this(dataset, new FileDefaults(model, group, condition), paths);
	}

	public static boolean isSlug(String text) {
		return SLUG.matcher(text).matches();
	}

	/**
	 * A slug made from a file or folder name: {@code Insecure Run 1.csv} →
	 * {@code insecure-run-1}.
	 */
	static String slugOf(Path path) {
		String name = (path.getFileName() != null) ? path.getFileName().toString() : "results";
		int dot = name.lastIndexOf('.');
		if (dot > 0) {
			name = name.substring(0, dot);
		}
		String slug = name.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^a-z0-9._-]+", "-")
			.replaceAll("^[-._]+|-+$", "");
		if (slug.length() > 100) {
			slug = slug.substring(0, 100);
		}
		return slug.isEmpty() ? "results" : slug;
	}

}
