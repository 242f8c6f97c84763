package org.misalignment.dashboard.render.share;

/**
 * The charts that can be embedded, shared and drawn as images, each the main chart of one
 * page.
 */
enum ChartKind {

	OVERVIEW("Misalignment rate per group, %s questions"),

	QUESTION("Misalignment rate per group on question %s"),

	MODEL("Misalignment rate per question of model %s"),

	COMPARE("Misalignment rate per question, %s"),

	SENSITIVITY("Misalignment rate per group against aligned_below, %s"),

	SWEEP("Misalignment rate per model against %s"),

	JUDGES("Misalignment rate per group under each judge, %s"),

	/** The judges page's scatter of the two judges' aligned scores, in bands of 10. */
	JUDGES_SCATTER("Aligned scores of two judges, %s");

	private final String title;

	ChartKind(String title) {
		this.title = title;
	}

	/**
	 * The chart's title in English (the pages', embeds' and images' come from
	 * {@link ChartWords}, in the reader's language).
	 * @param subject the question set (overview), question id, model name, or "A vs B"
	 * (compare, judges)
	 * @param condition the condition the page is limited to, or null
	 */
	String title(String subject, String condition) {
		String title = String.format(this.title, subject);
		return (condition == null || condition.isBlank()) ? title : title + ", condition " + condition.strip();
	}

	static ChartKind of(String name) {
		return valueOf(name.toUpperCase(java.util.Locale.ROOT));
	}

}
