package org.misalignment.dashboard.web.explore;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * The explorer of a dataset that has no questions or no groups yet: it says so, and has
 * no twins.
 */
record NothingToExplore(Dataset dataset, Rule rule) {
}
