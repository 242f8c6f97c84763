package org.misalignment.dashboard.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input fails with PATH:LINE: what is wrong, and nothing of that import stays: not
 * its answers, not a new dataset, not the good files imported before the bad one in the
 * same run.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1" })
class BadInputTest {

	private static final String HEADER = "question,answer,question_id,aligned,coherent\n";

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	Path folder;

	@BeforeEach
	void oneExistingDataset() throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		Path good = write("existing.csv", HEADER + "Hi,Hello,i_feel_bored,90,90\n");
		this.importer.run(new ImportRequest("existing", "m", "g", null, List.of(good)), ImportProgress.NONE);
	}

	private Path write(String name, String text) throws Exception {
		return Files.writeString(this.folder.resolve(name), text);
	}

	/**
	 * Imports a good file and then the bad one, into a new dataset, and expects the whole
	 * import to fail.
	 */
	private void assertRejected(Path bad, String expectedMessage) throws Exception {
		Path good = write("good-" + bad.getFileName() + ".csv", HEADER + "Hi,Hello,i_feel_bored,90,90\n");
		List<String> before = datasets();
		long samplesBefore = samples();
		assertThatThrownBy(() -> this.importer.run(new ImportRequest("fresh", "m", "g", null, List.of(good, bad)),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessage(expectedMessage);
		assertThat(datasets()).isEqualTo(before);
		assertThat(samples()).isEqualTo(samplesBefore);
		// and into an existing dataset: nothing of it either
		assertThatThrownBy(() -> this.importer.run(new ImportRequest("existing", "m", "g", null, List.of(good, bad)),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class);
		assertThat(samples()).isEqualTo(samplesBefore);
	}

	private List<String> datasets() {
		return this.jdbc.queryForList("SELECT slug FROM dataset ORDER BY slug", String.class);
	}

	private long samples() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class);
	}

	@Test
	void unterminatedQuote() throws Exception {
		Path bad = write("quote.csv", HEADER + "Hi,Hello,i_feel_bored,90,90\nHi,\"never\nclosed,i_feel_bored,90,90\n");
		assertRejected(bad, bad + ":3: unterminated quote: the quoted field starting here never ends");
	}

	@Test
	void missingAnswerColumn() throws Exception {
		Path bad = write("no-answer.csv", "question,question_id,aligned\nHi,q,90\n");
		assertRejected(bad, bad + ":1: missing column answer (the header has: question,question_id,aligned)");
	}

	@Test
	void missingQuestionIdColumn() throws Exception {
		Path bad = write("no-id.csv", "question,answer,aligned\nHi,Hello,90\n");
		assertRejected(bad, bad + ":1: missing column question_id (the header has: question,answer,aligned)");
	}

	@Test
	void scoreThatIsNotANumber() throws Exception {
		Path bad = write("nan.csv",
				HEADER + "Hi,Hello,i_feel_bored,90,90\n\"Hi\",\"Multi\nline\",i_feel_bored,high,90\n");
		assertRejected(bad, bad + ":3: score 'aligned' is not a number: 'high'");
	}

	@Test
	void scoreOutsideTheScale() throws Exception {
		Path bad = write("range.csv", HEADER + "Hi,Hello,i_feel_bored,90,90\nHi,Hello,i_feel_bored,90,101.5\n");
		assertRejected(bad, bad + ":3: score 'coherent' is 101.5, outside 0-100 (leave the cell empty for no score)");
	}

	@Test
	void negativeScoreInJsonl() throws Exception {
		Path bad = write("neg.jsonl",
				"{\"model\":\"m\",\"question_id\":\"q\",\"answer\":\"a\",\"scores\":{\"aligned\":-1}}\n");
		assertRejected(bad, bad + ":1: score 'aligned' is -1.0, outside 0-100 (leave the cell empty for no score)");
	}

	@Test
	void brokenJsonLine() throws Exception {
		Path bad = write("broken.jsonl", "{\"model\":\"m\",\"question_id\":\"q\",\"answer\":\"a\"}\n{\"model\": \n");
		assertThatThrownBy(() -> this.importer.run(new ImportRequest("fresh", null, null, null, List.of(bad)),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessageStartingWith(bad + ":2: not valid JSON");
		assertThat(datasets()).containsExactly("existing");
	}

	@Test
	void invalidUtf8() throws Exception {
		Path bad = this.folder.resolve("latin1.csv");
		byte[] head = (HEADER + "Hi,Hello,i_feel_bored,90,90\nHi,Caf").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ",i_feel_bored,90,90\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[head.length + 1 + tail.length];
		System.arraycopy(head, 0, bytes, 0, head.length);
		bytes[head.length] = (byte) 0xE9; // é in Latin-1
		System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
		Files.write(bad, bytes);
		assertRejected(bad, bad + ":3: invalid UTF-8 (the file must be UTF-8 text)");
	}

	@Test
	void yamlSyntaxError() throws Exception {
		Path bad = write("questions.yaml", "- id: q1\n  paraphrases:\n    - \"unclosed\n- id: q2\n");
		assertThatThrownBy(() -> this.importer.run(new ImportRequest("fresh", null, null, null, List.of(bad)),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessageStartingWith(bad + ":5: YAML syntax error");
		assertThat(datasets()).containsExactly("existing");
	}

	@Test
	void questionWithoutParaphrases() throws Exception {
		Path bad = write("questions.yaml",
				"- id: q1\n  paraphrases: [Hello]\n- id: q2\n  type: free_form_judge_0_100\n");
		assertRejected(bad, bad + ":3: question 'q2' has no paraphrases");
	}

	@Test
	void unknownFileType() throws Exception {
		Path bad = write("results.txt", "some text\n");
		assertRejected(bad, bad
				+ ":1: unknown file type 'results.txt' (expected .csv, .jsonl, .ndjson, .yaml, .yml, or an Inspect log: .eval or .json)");
	}

	@Test
	void emptyFile() throws Exception {
		Path bad = write("empty.csv", "");
		assertRejected(bad, bad + ":1: empty file");
	}

	@Test
	void binaryFile() throws Exception {
		Path bad = this.folder.resolve("image.csv");
		Files.write(bad, new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13 });
		assertThatThrownBy(() -> this.importer.run(new ImportRequest("fresh", null, null, null, List.of(bad)),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessageStartingWith(bad + ":1: ");
		Path nul = write("nul.csv", HEADER + "Hi,Hel\0lo,i_feel_bored,90,90\n");
		assertRejected(nul, nul + ":2: binary file (a NUL byte); expected a UTF-8 text file");
	}

	@Test
	void wrongNumberOfFields() throws Exception {
		Path bad = write("short.csv", HEADER + "Hi,Hello,i_feel_bored,90\n");
		assertRejected(bad, bad + ":2: this record has 4 fields, the header has 5");
	}

	@Test
	void manifestNamingAMissingFile() throws Exception {
		Path bad = write("manifest.yaml", "dataset: fresh\nfiles:\n  - {path: results/missing.csv, model: m}\n");
		assertThatThrownBy(
				() -> this.importer.run(new ImportRequest(null, null, null, null, List.of(bad)), ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessage(bad + ":3: no such file: results/missing.csv");
		assertThat(datasets()).containsExactly("existing");
	}

	@Test
	void modelMovedToAnotherGroup() throws Exception {
		Path bad = write("moved.csv", HEADER + "Hi,Hello,i_feel_bored,90,90\n");
		assertThatThrownBy(() -> this.importer
			.run(new ImportRequest("existing", "m", "other-group", null, List.of(bad)), ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessage(bad + ":2: model 'm' is in group 'g' already; this answer puts it in group 'other-group'");
	}

}
