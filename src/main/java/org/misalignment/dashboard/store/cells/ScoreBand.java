package org.misalignment.dashboard.store.cells;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenth of the score scale, {@code 30-40} meaning 30 ≤ score &lt; 40 (the last band,
 * {@code 90-100}, holds 100 too), or {@code none}: the judge gave no score (it said CODE
 * or REFUSAL).
 *
 * @param index 0 for {@code 0-10} … 9 for {@code 90-100}; -1 for {@code none}
 */
public record ScoreBand(int index) {

	public static final ScoreBand NONE = new ScoreBand(-1);

	/** Every band in reading order: 0-10 … 90-100, then none. */
	public static List<ScoreBand> all() {
		List<ScoreBand> bands = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			bands.add(new ScoreBand(i));
		}
		bands.add(NONE);
		return bands;
	}

	public static ScoreBand parse(String name, String text) {
		for (ScoreBand band : all()) {
			if (band.parameter().equals(text)) {
				return band;
			}
		}
		throw new IllegalArgumentException(name + " must be one of 0-10, 10-20, … 90-100 or none, got '" + text + "'");
	}

	/** Slots of {@link #slot(double)}: the ten bands, then none. */
	public static final int SLOTS = 11;

	/**
	 * The band of a score as a number: its {@link #index()} 0 … 9, or 10 for none
	 * ({@code NaN}). A score is in a band when {@code low <= score < high}, and 100 is in
	 * the last.
	 */
	public static int slot(double score) {
		if (Double.isNaN(score)) {
			return SLOTS - 1;
		}
		int band = (int) Math.min(9, Math.max(0, Math.floor(score / 10)));
		// the division may round across a band's edge; the comparisons decide, as the
		// SQL's do
		if (band > 0 && score < band * 10) {
			band--;
		}
		else if (band < 9 && score >= band * 10 + 10) {
			band++;
		}
		return band;
	}

	/** The band of a {@link #slot(double)}. */
	public static ScoreBand ofSlot(int slot) {
		return (slot == SLOTS - 1) ? NONE : new ScoreBand(slot);
	}

	public boolean isNone() {
		return this.index < 0;
	}

	public int low() {
		return this.index * 10;
	}

	public int high() {
		return this.index * 10 + 10;
	}

	/** How the band is written in the URL: {@code 30-40} or {@code none}. */
	public String parameter() {
		return isNone() ? "none" : low() + "-" + high();
	}

}
