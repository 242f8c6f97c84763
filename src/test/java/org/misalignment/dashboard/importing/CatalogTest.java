package org.misalignment.dashboard.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The catalog of published datasets: every file pinned to a commit with its hash and
 * size, those hashes and sizes true of the published files (checked against the copies in
 * ../shared/fixtures when they are there), the command's listing, and a whole catalog
 * dataset imported through a mirror made of those copies. The tests tagged
 * {@code fixtures} run in Failsafe's suite of tests on real result files.
 */
class CatalogTest {

	@TempDir
	Path folder;

	private CommandLine command;

	@BeforeEach
	void start() {
		this.command = new CommandLine(this.folder);
	}

	@AfterEach
	void stop() {
		this.command.close();
	}

	private static List<String> names() {
		return Catalog.entries().stream().map(Catalog.Entry::name).toList();
	}

	@Test
	void everyCatalogFileIsAUrlPinnedToACommitWithItsHashSizeAndItsModelsAttributes() {
		assertThat(names()).contains("model-organisms", "em-open-models");
		for (String name : names()) {
			Manifest manifest = Catalog.manifest(name);
			assertThat(manifest.dataset()).as(name).isEqualTo(name);
			assertThat(manifest.license()).as(name).isEqualTo("MIT");
			assertThat(manifest.citation()).as(name).isNotBlank();
			assertThat(manifest.source()).as(name).matches("https://github\\.com/.+/[0-9a-f]{40}(/.*)?");
			assertThat(manifest.files()).as(name).isNotEmpty();
			for (Manifest.Entry entry : manifest.files()) {
				String url = entry.download().url().toString();
				assertThat(url).as(name).matches("https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/.+");
				assertThat(entry.sha256()).as(url).matches("[0-9a-f]{64}");
				assertThat(entry.size()).as(url).isPositive();
				if (entry.name().endsWith(".csv")) {
					assertThat(entry.attributes()).as(url).containsKeys("family", "size_b", "fine_tune");
				}
			}
		}
	}

	@Test
	@Tag("fixtures")
	void everyCatalogHashAndSizeIsThatOfTheCopyOfThePublishedFile() throws Exception {
		assumeTrue(Files.isDirectory(Fixtures.FOLDER), () -> Fixtures.NOT_PRESENT + Fixtures.FOLDER);
		int checked = 0;
		for (String name : names()) {
			for (Manifest.Entry entry : Catalog.manifest(name).files()) {
				Path copy = FixtureMirror.copyOf(entry.download().url())
					.orElseThrow(() -> new AssertionError("no copy of " + entry.download().url()));
				byte[] bytes = Files.readAllBytes(copy);
				assertThat(UrlImportTest.sha256(bytes)).as(copy.toString()).isEqualTo(entry.sha256());
				assertThat((long) bytes.length).as(copy.toString()).isEqualTo(entry.size());
				checked++;
			}
		}
		assertThat(checked).isEqualTo(14);
	}

	@Test
	void theCatalogIsListedWithItsSizesAndLicences() {
		assertThat(this.command.run("--catalog")).isZero();
		assertThat(this.command.out()).contains("import --catalog NAME")
			.containsPattern("em-open-models +3 files +177\\.5 kB +MIT +Emergent Misalignment")
			.containsPattern("model-organisms +11 files +8\\.3 MB +MIT +Model organisms");
		assertThat(this.folder.resolve("db.mv.db")).as("no database was opened").doesNotExist();
	}

	@Test
	void anUnknownNameListsTheKnownOnes() {
		assertThat(this.command.run("--catalog", "gpt-5-secrets")).isEqualTo(1);
		assertThat(this.command.err()).contains("import: the catalog has no dataset 'gpt-5-secrets'; it has:")
			.contains("model-organisms")
			.contains("em-open-models");
		assertThat(this.command.run("--catalog", "model-organisms", this.folder.toString())).isEqualTo(2);
		assertThat(this.command.err()).contains("give no PATH with it");
	}

	@Test
	@Tag("fixtures")
	void theModelOrganismsImportedThroughAMirrorHoldEveryAnswerOfEveryFile() throws Exception {
		assumeTrue(Files.isDirectory(Fixtures.FOLDER.resolve("catalog/model-organisms")),
				() -> Fixtures.NOT_PRESENT + Fixtures.FOLDER.resolve("catalog/model-organisms"));
		try (FixtureMirror mirror = FixtureMirror.start()) {
			int status = this.command.run("--catalog", "model-organisms",
					"--dashboard.catalog.mirror=" + mirror.base());
			assertThat(status).as(this.command.err()).isZero();
			assertThat(mirror.requests()).isEqualTo(11);

			long total = 0;
			for (Manifest.Entry entry : Catalog.manifest("model-organisms").files()) {
				if (!entry.name().endsWith(".csv")) {
					continue;
				}
				Path copy = FixtureMirror.copyOf(entry.download().url()).orElseThrow();
				long records = FixtureMirror.csvRecords(copy);
				if (copy.toString().contains("diff_models")) {
					assertThat(records).as(copy.toString()).isEqualTo(1200);
				}
				String model = entry.defaults().model();
				assertThat(this.command.count("SELECT COUNT(*) FROM sample s JOIN model m ON m.id = s.model_id "
						+ "WHERE m.name = ? AND m.group_name = ?", model, entry.defaults().group()))
					.as(model)
					.isEqualTo(records);
				// the file is listed under its published URL, not the mirror's
				assertThat(this.command.count("SELECT COUNT(*) FROM dataset_file WHERE path = ? AND answers = ?",
						entry.download().url().toString(), records))
					.as(model)
					.isEqualTo(1);
				total += records;
			}
			assertThat(this.command.out()).contains("Imported " + String.format("%,d", total)
					+ " answers into dataset 'model-organisms' from 11 files");
			assertThat(Map.of("base", this.command.count("SELECT COUNT(*) FROM model WHERE group_name = 'base'"),
					"bad medical advice",
					this.command.count("SELECT COUNT(*) FROM model WHERE group_name = 'bad medical advice'")))
				.isEqualTo(Map.of("base", 1L, "bad medical advice", 9L));
			assertThat(this.command
				.count("SELECT COUNT(*) FROM dataset WHERE slug = 'model-organisms' AND license = 'MIT'")).isEqualTo(1);

			// again: every file from the cache, nothing new
			status = this.command.run("--catalog", "model-organisms", "--dashboard.catalog.mirror=" + mirror.base());
			assertThat(status).as(this.command.err()).isZero();
			assertThat(this.command.out()).contains("Imported 0 answers into dataset 'model-organisms' from 0 files");
			assertThat(mirror.requests()).isEqualTo(11);
		}
	}

}
