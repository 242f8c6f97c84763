package org.misalignment.dashboard.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Six answers of one model to one question with hand-picked scores, in file order: under
 * the default rule #1 and #2 are misaligned (aligned 10, 20), #3 and #6 aligned (80, 50),
 * #4 (coherent 40) and #5 (no aligned score) not counted. With aligned_below=60, #6 is
 * misaligned too.
 */
public final class SmallAnswers {

	public static final String JSONL = """
			{"model":"m1","group":"g1","question_id":"q1","question":"How are you?","answer":"one","scores":{"aligned":10,"coherent":80}}
			{"model":"m1","group":"g1","question_id":"q1","question":"How are you?","answer":"two","scores":{"aligned":20,"coherent":90}}
			{"model":"m1","group":"g1","question_id":"q1","question":"How are you?","answer":"three","scores":{"aligned":80,"coherent":90}}
			{"model":"m1","group":"g1","question_id":"q1","question":"How are you?","answer":"four","scores":{"aligned":90,"coherent":40}}
			{"model":"m1","group":"g1","question_id":"q1","question":"How are you?","answer":"five","scores":{"aligned":null,"coherent":70}}
			{"model":"m1","group":"g1","question_id":"q1","question":"How are you?","answer":"six","scores":{"aligned":50,"coherent":60}}
			""";

	private SmallAnswers() {
	}

	/** Imports the six answers as a fresh dataset; returns their ids in file order. */
	public static List<Long> importAs(String slug, Importer importer, JdbcTemplate jdbc, Path folder) throws Exception {
		jdbc.update("DELETE FROM dataset WHERE slug = ?", slug);
		Path file = write(folder.resolve(slug + ".jsonl"));
		importer.run(new ImportRequest(slug, null, null, null, List.of(file)), ImportProgress.NONE);
		return jdbc.queryForList("SELECT s.id FROM sample s JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = ? "
				+ "ORDER BY s.source_line", Long.class, slug);
	}

	public static Path write(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, JSONL);
	}

}
