package org.misalignment.dashboard.render.json;

import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * A dataset in brief, {@code {"slug", "title"}}: which dataset a response or a twin is
 * about.
 */
public record DatasetBrief(String slug, String title) {

	public static DatasetBrief of(Dataset dataset) {
		return new DatasetBrief(dataset.getSlug(), dataset.getTitle());
	}

}
