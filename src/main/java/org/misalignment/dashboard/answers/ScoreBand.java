package org.misalignment.dashboard.answers;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenth of the score scale, {@code 30-40} meaning 30 ≤ score &lt; 40 (the last band, {@code 90-100}, holds
 * 100 too), or {@code none}: the judge gave no score (it said CODE or REFUSAL).
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

	static ScoreBand parse(String name, String text) {
		for (ScoreBand band : all()) {
			if (band.parameter().equals(text)) {
				return band;
			}
		}
		throw new IllegalArgumentException(name + " must be one of 0-10, 10-20, … 90-100 or none, got '" + text + "'");
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
