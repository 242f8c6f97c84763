package org.misalignment.dashboard.store.search;

/**
 * The order of the answers browser, as the {@code sort} parameter names it: {@code id}
 * (import order), or by a score, ascending ({@code aligned}) or descending
 * ({@code -aligned}). Ties on the score go by id in the same direction; answers without
 * that score come last, in id order. The order is total, so keyset pages neither skip nor
 * repeat an answer.
 */
public enum AnswerOrder {

	ID("id", null, true), ALIGNED("aligned", "s.aligned", true), ALIGNED_DESC("-aligned", "s.aligned", false),
	COHERENT("coherent", "s.coherent", true), COHERENT_DESC("-coherent", "s.coherent", false);

	private final String parameter;

	private final String column;

	private final boolean ascending;

	AnswerOrder(String parameter, String column, boolean ascending) {
		this.parameter = parameter;
		this.column = column;
		this.ascending = ascending;
	}

	public String parameter() {
		return this.parameter;
	}

	/** The score column this order sorts by, or {@code null} for id order. */
	String column() {
		return this.column;
	}

	boolean ascending() {
		return this.ascending;
	}

	/** {@code null} or blank is {@link #ID}. */
	public static AnswerOrder parse(String text) {
		if (text == null || text.isBlank()) {
			return ID;
		}
		for (AnswerOrder order : values()) {
			if (order.parameter.equals(text.strip())) {
				return order;
			}
		}
		throw new IllegalArgumentException(
				"sort must be id, aligned, -aligned, coherent or -coherent, got '" + text + "'");
	}

	/**
	 * A place in this order: the sort key and id of the answer it is at. In the URL it is
	 * {@code 1234} for id order and {@code 12.5_1234} (or {@code none_1234} for an answer
	 * without the score) for a score order.
	 */
	public record Position(Double key, long id) {

		public String format(AnswerOrder order) {
			if (order.column == null) {
				return Long.toString(this.id);
			}
			return ((this.key == null) ? "none" : formatScore(this.key)) + "_" + this.id;
		}

		/** A score as it is written in URLs and on pages: 30 → "30", 29.5 → "29.5". */
		public static String formatScore(double score) {
			return org.misalignment.dashboard.rates.ShortNumber.of(score);
		}

	}

	/** Reads a {@code cursor} written by {@link Position#format} for this order. */
	public Position parseCursor(String text) {
		String problem = "cursor must be the one a 'Next page' link gave for sort=" + this.parameter + ", got '" + text
				+ "'";
		try {
			if (this.column == null) {
				return new Position(null, Long.parseLong(text.strip()));
			}
			int underscore = text.lastIndexOf('_');
			if (underscore < 0) {
				throw new IllegalArgumentException(problem);
			}
			String key = text.substring(0, underscore).strip();
			long id = Long.parseLong(text.substring(underscore + 1).strip());
			if (key.equals("none")) {
				return new Position(null, id);
			}
			double value = Double.parseDouble(key);
			if (!Double.isFinite(value)) {
				throw new IllegalArgumentException(problem);
			}
			return new Position(value, id);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(problem);
		}
	}

}
