package org.misalignment.dashboard.web.overview;

import java.util.ArrayList;
import java.util.List;

/**
 * The colour of a rate in the question × group matrix: one of ten CSS classes
 * {@code rate-0} … {@code rate-9}, or {@code rate-none} when there is no rate. The steps
 * are finer near zero, where the groups of interest differ (0% for the base model, a few
 * percent for controls, 20% and more for misaligned models).
 */
public final class RateShade {

	/** Upper ends of the first nine steps; the tenth step is everything from 60% up. */
	private static final double[] STEPS = { 0.01, 0.025, 0.05, 0.10, 0.15, 0.20, 0.30, 0.45, 0.60 };

	private RateShade() {
	}

	public static String of(Double rate) {
		if (rate == null) {
			return "rate-none";
		}
		for (int i = 0; i < STEPS.length; i++) {
			if (rate < STEPS[i]) {
				return "rate-" + i;
			}
		}
		return "rate-" + STEPS.length;
	}

	/**
	 * One entry of the legend: its class and the range it stands for, in English and as
	 * its ends (null for none) for the page to say in the reader's language.
	 */
	public record Step(String shade, String range, String from, String to) {
	}

	public static List<Step> legend() {
		List<Step> legend = new ArrayList<>();
		double from = 0;
		for (int i = 0; i < STEPS.length; i++) {
			legend.add(new Step("rate-" + i, (i == 0 ? "under " : percent(from) + "–") + percent(STEPS[i]),
					(i == 0) ? null : percent(from), percent(STEPS[i])));
			from = STEPS[i];
		}
		legend.add(new Step("rate-" + STEPS.length, percent(from) + " and more", percent(from), null));
		return legend;
	}

	private static String percent(double share) {
		double value = share * 100;
		return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
	}

}
