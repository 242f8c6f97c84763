package org.misalignment.dashboard.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A manifest's file entries: a model's attributes kept as written and in order, and
 * mistakes in an entry named by line instead of passing unnoticed.
 */
class ManifestEntriesTest {

	private static final String SHA256 = "dfa12e7a93ca78cbb2720eadd1be62756aabb569a27d0d22e067a01b9c6a13c7";

	@TempDir
	Path folder;

	private Manifest read(String yaml) throws Exception {
		Files.writeString(this.folder.resolve("a.csv"), "question,answer,question_id\n");
		Path path = Files.writeString(this.folder.resolve("manifest.yaml"), yaml);
		return Manifest.read(path, Formats.yaml(path));
	}

	@Test
	void attributesAndCitationAreKeptAsWritten() throws Exception {
		Manifest manifest = read("""
				citation: "Someone (2025), A paper"
				files:
				  - path: https://example.org/r/0123456789abcdef0123456789abcdef01234567/a%20b.csv
				    sha256: SHA
				    size: 690955
				    model: qwen-7b
				    attributes: {family: qwen2.5, size_b: 7, fine_tune: bad medical advice, lora_rank: 4, seed: ~}
				  - {path: a.csv}
				""".replace("SHA", SHA256.toUpperCase()));
		assertThat(manifest.citation()).isEqualTo("Someone (2025), A paper");
		Manifest.Entry url = manifest.files().get(0);
		assertThat(url.path()).isNull();
		assertThat(url.sha256()).isEqualTo(SHA256);
		assertThat(url.size()).isEqualTo(690955L);
		assertThat(url.name()).isEqualTo("a_b.csv");
		assertThat(url.attributes()).containsExactly(Map.entry("family", "qwen2.5"), Map.entry("size_b", "7"),
				Map.entry("fine_tune", "bad medical advice"), Map.entry("lora_rank", "4"));
		assertThat(manifest.files().get(1).attributes()).isEmpty();
		assertThat(manifest.files().get(1).download()).isNull();
	}

	@Test
	void mistakesInAnEntryAreNamedByLine() {
		for (List<String> bad : List.of(
				List.of("  - {path: a.csv, sha265: " + SHA256 + "}",
						"manifest.yaml:2: unknown key 'sha265' in a file entry"),
				List.of("  - {path: a.csv, attributes: {size_b: large}}",
						"manifest.yaml:2: attribute 'size_b' is a number, not 'large'"),
				List.of("  - {path: a.csv, attributes: {Family: qwen}}",
						"manifest.yaml:2: attribute 'Family' is not a name of lower-case letters"),
				List.of("  - {path: a.csv, sha256: abc}", "manifest.yaml:2: the sha256 of a.csv is not 64 hexadecimal"),
				List.of("  - {path: 'https://example.org/a.csv', sha256: " + SHA256 + ", size: -3}",
						"manifest.yaml:2: the size of https://example.org/a.csv is not a number of bytes: '-3'"))) {
			assertThatThrownBy(() -> read("files:\n" + bad.get(0) + "\n")).as(bad.get(0))
				.isInstanceOf(ImportException.class)
				.hasMessageContaining(this.folder + "/" + bad.get(1));
		}
	}

}
