package org.misalignment.dashboard.web.review;

import java.util.List;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.flags.ReviewerFlags;

/**
 * Everything the review page shows: for each reviewer label, how the judge's verdicts
 * split its answers, with links to them; then the latest flags. It has no twins.
 *
 * @param title the page's title, with the dataset's
 */
record ReviewSummary(Dataset dataset, Rule rule, List<ReviewPage.Row> rows, List<ReviewerFlags.Flag> latest,
		String title) {
}
