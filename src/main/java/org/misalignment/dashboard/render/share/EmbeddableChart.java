package org.misalignment.dashboard.render.share;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.catalog.Dataset;

/**
 * A page's record whose main chart can be embedded and drawn as an image (the overview, a
 * question, a model, compare): what the embed and the images read from it, so that they
 * show the page's own numbers.
 */
public interface EmbeddableChart {

	Dataset dataset();

	Rule rule();

	/**
	 * The chart as the page hands it to {@code charts.js} (its {@code data-chart}), or
	 * null when it shows none.
	 */
	String chartJson();

	/**
	 * What the chart is of, for its title: the question set, the question id, the model's
	 * name or "A vs B".
	 */
	String chartSubject();

	/**
	 * The chart of this name ({@code judges_scatter}: a page's second chart), as the page
	 * hands it to its script; by default the page's one chart.
	 */
	default String chartJson(String chart) {
		return chartJson();
	}

}
