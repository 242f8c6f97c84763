package org.misalignment.dashboard.importing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What an import added, and what it left out and why. */
public record ImportReport(String dataset, long answers, int models, int questions, int files, List<String> notes,
		Map<String, Integer> skipped, Duration took) {

	/** The summary the command line prints. */
	public String summary() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(
				"Imported %,d answer%s into dataset '%s' from %d file%s in %.1f s: %d model%s and %d question%s added.",
				this.answers, plural(this.answers), this.dataset, this.files, plural(this.files),
				this.took.toMillis() / 1000.0, this.models, plural(this.models), this.questions,
				plural(this.questions)));
		for (String note : this.notes) {
			text.append(System.lineSeparator()).append(note);
		}
		for (Map.Entry<String, Integer> skip : this.skipped.entrySet()) {
			text.append(System.lineSeparator())
				.append(String.format("Skipped %,d: %s", skip.getValue(), skip.getKey()));
		}
		return text.toString();
	}

	private static String plural(long count) {
		return (count == 1) ? "" : "s";
	}

}
