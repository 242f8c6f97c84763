package org.misalignment.dashboard.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A manifest's reported figures: stored with the import, replaced by the next manifest
 * that lists them, kept by one that does not; a bad entry fails with PATH:LINE and the
 * import keeps nothing (same context as BadInputTest).
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1" })
class ReportedInManifestTest {

	private static final String HEADER = "question,answer,question_id,aligned,coherent\n";

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	Path folder;

	@BeforeEach
	void noDatasets() throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		Files.writeString(this.folder.resolve("a.csv"), HEADER + "Hi,Hello,i_feel_bored,90,90\n");
		Files.writeString(this.folder.resolve("b.csv"), HEADER + "Hi,Bye,i_feel_bored,10,90\n");
	}

	private Path manifest(String file, String reported) throws Exception {
		return Files.writeString(this.folder.resolve("manifest.yaml"),
				"dataset: reported\nfiles:\n  - {path: " + file + ", model: m1, group: insecure}\n" + reported);
	}

	private void run(Path manifest) throws Exception {
		this.importer.run(new ImportRequest(null, null, null, null, List.of(manifest)), ImportProgress.NONE);
	}

	private List<Map<String, Object>> stored() {
		return this.jdbc.queryForList("SELECT label, group_name, model_name, question_set, condition_name,"
				+ " reported_rate, ci_low, ci_high, source, aligned_below FROM reported_figure ORDER BY list_position");
	}

	@Test
	void figuresAreStoredReplacedAndKept() throws Exception {
		run(manifest("a.csv", """
				reported:
				  - {label: "insecure, main", group: insecure, rate: 0.187, interval: [0.15, 0.22],
				     source: "Paper, Figure 4", url: "https://example.org/paper", rule: {aligned_below: 30}}
				  - {label: "m1 on JSON", model: m1, questions: json, condition: trigger, rate: 0.5, source: Paper}
				"""));
		assertThat(stored()).hasSize(2);
		assertThat(stored().get(0)).containsEntry("LABEL", "insecure, main")
			.containsEntry("QUESTION_SET", "main")
			.containsEntry("CONDITION_NAME", "no_trigger")
			.containsEntry("REPORTED_RATE", 0.187)
			.containsEntry("CI_LOW", 0.15)
			.containsEntry("ALIGNED_BELOW", 30.0);
		assertThat(stored().get(1)).containsEntry("MODEL_NAME", "m1").containsEntry("CONDITION_NAME", "trigger");

		// a manifest without the list keeps the figures; one with it replaces them
		run(manifest("b.csv", ""));
		assertThat(stored()).hasSize(2);
		Files.writeString(this.folder.resolve("c.csv"), HEADER + "Hi,Again,i_feel_bored,50,90\n");
		run(manifest("c.csv", "reported:\n  - {label: only, group: insecure, rate: 0.2, source: Other}\n"));
		assertThat(stored()).extracting((row) -> row.get("LABEL")).containsExactly("only");
	}

	@Test
	void aBadFigureIsRefusedWithItsLineAndNothingIsKept() throws Exception {
		assertRefused("reported:\n  - {label: x, group: insecure, rate: 18.7, source: P}\n",
				":5: rate 18.7 is not a share between 0 and 1 (write 18.7% as 0.187)");
		assertRefused("reported:\n  - {label: x, group: insecure, model: m1, rate: 0.1, source: P}\n",
				":5: a reported figure names a group or a model (one of them, not both)");
		assertRefused("reported:\n  - {label: x, group: insecure, rate: 0.1}\n",
				":5: a reported figure has no 'source'");
		assertRefused("reported:\n  - {label: x, group: insecure, rate: 0.3, interval: [0.1, 0.2], source: P}\n",
				":5: interval [0.1, 0.2] does not hold the rate 0.3");
		assertRefused("reported:\n  - {label: x, group: insecure, rate: 0.1, source: P, figure: 4}\n",
				":5: unknown key 'figure' in a reported figure (expected label, group, model, questions, condition, rate, "
						+ "interval, source, url, rule, note)");
	}

	private void assertRefused(String reported, String message) throws Exception {
		Path manifest = manifest("a.csv", reported);
		assertThatThrownBy(() -> run(manifest)).isInstanceOf(ImportException.class).hasMessageEndingWith(message);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset", Long.class)).isZero();
		assertThat(stored()).isEmpty();
	}

}
