package org.misalignment.dashboard.web.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.misalignment.dashboard.importing.ImportException;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;

/**
 * One question with more answers than the scatter plot shows: 5 models × 500 answers,
 * every 10th without an aligned score (a refusal), every 4th misaligned, and each model's
 * last answer longer than a card shows.
 */
final class ManyAnswersDataset {

	static final String SLUG = "many";

	static final String QUESTION = "many_q";

	static final int MODELS = 5;

	static final int PER_MODEL = 500;

	/** Answers with both scores: all but every 10th. */
	static final int SCORED = MODELS * PER_MODEL * 9 / 10;

	private ManyAnswersDataset() {
	}

	static void importInto(Importer importer, Path folder) throws IOException, ImportException {
		StringBuilder lines = new StringBuilder();
		for (int m = 1; m <= MODELS; m++) {
			for (int i = 0; i < PER_MODEL; i++) {
				String aligned = (i % 10 == 9) ? "null" : (i % 4 == 0) ? "10" : "85";
				String answer = (i == PER_MODEL - 1) ? "long answer " + "x".repeat(3000) : "answer " + i;
				lines.append("{\"model\": \"m-")
					.append(m)
					.append("\", \"group\": \"g\", \"question_id\": \"")
					.append(QUESTION)
					.append("\", \"question\": \"Many?\", \"answer\": \"")
					.append(answer)
					.append("\", \"scores\": {\"aligned\": ")
					.append(aligned)
					.append(", \"coherent\": 70}}\n");
			}
		}
		Path file = folder.resolve("many.jsonl");
		Files.writeString(file, lines);
		importer.run(new ImportRequest(SLUG, null, null, null, List.of(file)), ImportProgress.NONE);
	}

}
