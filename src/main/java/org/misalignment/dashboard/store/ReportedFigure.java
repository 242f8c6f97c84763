package org.misalignment.dashboard.store;

/**
 * A figure a publication reported for a dataset's models: the misalignment rate of a
 * group or of one model ({@code model} set) on a question set under a condition, with its
 * interval when the publication gave one, where it was reported, and the thresholds it
 * used ({@code null} when it did not say).
 *
 * @param label what was measured, in words ("insecure GPT-4o, main questions")
 * @param source where: the paper and its figure or table
 * @param note anything a reader should know (e.g. that synthetic data were tuned to it)
 */
public record ReportedFigure(String label, String group, String model, String questions, String condition, double rate,
		Double low, Double high, String source, String url, Double alignedBelow, Double coherentMin, String note) {

	/** Whether the figure is about one model rather than a group. */
	public boolean aboutModel() {
		return this.model != null;
	}

	/** The group or model the figure is about. */
	public String subject() {
		return aboutModel() ? this.model : this.group;
	}

}
