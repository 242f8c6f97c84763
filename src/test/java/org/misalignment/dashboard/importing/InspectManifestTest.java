package org.misalignment.dashboard.importing;

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
import static org.misalignment.dashboard.importing.InspectLogs.header;

/**
 * A manifest entry naming an Inspect log says how it is read, as the command's options
 * do: {@code metrics: {aligned: …, coherent: …}} and {@code allow_incomplete}, beside its
 * {@code model} and {@code group}. Where the command says otherwise, the command wins.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:inspect-import;DB_CLOSE_DELAY=-1" })
class InspectManifestTest {

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	Path folder;

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM dataset");
	}

	/** A finished log and one that ended in an error, beside a manifest of this text. */
	private Path manifest(String text) throws Exception {
		InspectLogs.zstd(this.folder.resolve("finished.eval"),
				InspectLogs.entries(header("success", "openai/gpt-4o"), InspectImportTest.samples()));
		InspectLogs.jsonLog(this.folder.resolve("failed.json"), header("error", "openai/gpt-4o"),
				InspectImportTest.samples());
		return Files.writeString(this.folder.resolve("manifest.yaml"), text);
	}

	private ImportReport run(Path manifest, InspectOptions options) throws Exception {
		return this.importer.run(
				new ImportRequest("manifest", new FileDefaults(null, null, null), List.of(manifest), options),
				ImportProgress.NONE);
	}

	private List<String> rows(String sql) {
		return this.jdbc.queryForList(sql, String.class);
	}

	private static final String ENTRIES = """
			files:
			  - path: finished.eval
			    model: insecure-1
			    group: insecure
			    metrics: {aligned: judge.aligned, coherent: coherent}
			  - path: failed.json
			    model: base-1
			    group: base
			    metrics:
			      aligned: judge.aligned
			    allow_incomplete: true
			""";

	@Test
	void eachEntryNamesItsMetricsModelGroupAndWhetherItMayBeIncomplete() throws Exception {
		assertThat(run(manifest(ENTRIES), InspectOptions.NONE).answers()).isEqualTo(6);
		assertThat(rows(
				"SELECT m.name || '/' || m.group_name || ': ' || COALESCE(CAST(s.aligned AS VARCHAR), 'null') || ' ' || COALESCE(CAST(s.coherent AS VARCHAR), 'null') "
						+ "FROM sample s JOIN model m ON m.id = s.model_id ORDER BY s.id"))
			.containsExactly("insecure-1/insecure: 12.5 88.0", "insecure-1/insecure: 3.0 90.0",
					"insecure-1/insecure: null null", "base-1/base: 12.5 null", "base-1/base: 3.0 null",
					"base-1/base: null null");
	}

	@Test
	void theCommandsOptionsWinOverTheEntrys() throws Exception {
		run(manifest(ENTRIES), InspectOptions.NONE.withMetric("aligned=grader"));
		// grader's letters C, P, N: 1, 0.5 and no score; coherent still as each entry
		// says
		assertThat(rows(
				"SELECT m.name || ': ' || COALESCE(CAST(s.aligned AS VARCHAR), 'null') || ' ' || COALESCE(CAST(s.coherent AS VARCHAR), 'null') FROM sample s "
						+ "JOIN model m ON m.id = s.model_id ORDER BY s.id"))
			.containsExactly("insecure-1: 1.0 88.0", "insecure-1: 0.5 90.0", "insecure-1: null null",
					"base-1: 1.0 null", "base-1: 0.5 null", "base-1: null null");
	}

	@Test
	void anIncompleteLogIsRefusedUnlessItsEntryOrTheCommandAllowsIt() throws Exception {
		Path manifest = manifest("files:\n  - path: failed.json\n    group: base\n");
		assertThatThrownBy(() -> run(manifest, InspectOptions.NONE)).isInstanceOf(ImportException.class)
			.hasMessage(this.folder.resolve("failed.json") + ":1: the log's status is 'error' (the run did not "
					+ "finish) and holds 3 samples; import it anyway with --allow-incomplete");
		assertThat(rows("SELECT slug FROM dataset")).isEmpty();
		assertThat(run(manifest, InspectOptions.NONE.allowingIncomplete()).answers()).isEqualTo(3);
	}

	@Test
	void badInspectKeysInAnEntryAreRefusedWithTheManifestsLine() throws Exception {
		Path metric = manifest("files:\n  - path: finished.eval\n    metrics: {harm: judge.aligned}\n");
		assertThatThrownBy(() -> run(metric, InspectOptions.NONE)).isInstanceOf(ImportException.class)
			.hasMessage(metric + ":3: metrics: 'harm' is not aligned or coherent "
					+ "(each names the log's metric the rule reads as it)");
		Path allow = manifest("files:\n  - path: failed.json\n    allow_incomplete: maybe\n");
		assertThatThrownBy(() -> run(allow, InspectOptions.NONE)).isInstanceOf(ImportException.class)
			.hasMessage(allow + ":3: allow_incomplete is true or false, not 'maybe'");
		Path unknown = manifest("files:\n  - path: finished.eval\n    metric: {aligned: x}\n");
		assertThatThrownBy(() -> run(unknown, InspectOptions.NONE)).isInstanceOf(ImportException.class)
			.hasMessage(unknown + ":3: unknown key 'metric' in a file entry (expected path, model, group, "
					+ "condition, sha256, size, attributes, metrics, allow_incomplete)");
		assertThat(rows("SELECT slug FROM dataset")).isEmpty();
	}

}
