package org.misalignment.dashboard.store.search;

import java.util.function.BooleanSupplier;

/**
 * Whether a text search finds few answers on PostgreSQL (see
 * {@link TextSearch#fewOnPostgres}): asked of the database once per request, and only
 * when a query needs to know. One request's, never shared.
 */
final class FewFound {

	private final BooleanSupplier ask;

	private Boolean known;

	FewFound(BooleanSupplier ask) {
		this.ask = ask;
	}

	boolean get() {
		if (this.known == null) {
			this.known = this.ask.getAsBoolean();
		}
		return this.known;
	}

	/** Tells it, when the facets have counted the filter's answers already. */
	void know(long answers) {
		this.known = answers <= TextSearch.FEW;
	}

}
