package org.misalignment.dashboard.importing;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An eval CSV of many short answers (12 questions, scores cycling over 0–99), enough for
 * several of a staged import's commits; optionally with a last line of one's own (a bad
 * one, to fail the import late).
 */
final class GeneratedAnswers {

	private GeneratedAnswers() {
	}

	static Path csv(Path folder, String name, int count, String lastLine) throws Exception {
		Path csv = folder.resolve(name);
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("question,answer,question_id,aligned,coherent\n");
			for (int i = 0; i < count; i++) {
				out.write("\"How are you?\",\"Answer " + i + ", <script>alert(1)</script>\",q" + (i % 12) + ","
						+ (i % 100) + "," + (99 - i % 50) + "\n");
			}
			if (lastLine != null) {
				out.write(lastLine);
			}
		}
		return csv;
	}

}
