package org.misalignment.dashboard.web.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.misalignment.dashboard.Fixtures;
import org.misalignment.dashboard.importing.FixtureMirror;
import org.misalignment.dashboard.importing.ImportJobs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The catalog on the admin's import page: listed with a one-click import (a POST with the
 * CSRF token, for admins only) that downloads, verifies and imports the dataset in the
 * background like an upload, here from a mirror made of the copies of the published
 * files.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:catalog-import;DB_CLOSE_DELAY=-1", "dashboard.admin.password=admin-secret" })
@AutoConfigureMockMvc
class CatalogImportTest {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FixtureMirror mirror;

	private static Path downloads;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void mirrorAndCache(DynamicPropertyRegistry registry) throws IOException {
		mirror = FixtureMirror.start();
		downloads = Files.createTempDirectory("catalog-import-test-");
		registry.add("dashboard.catalog.mirror", mirror::base);
		registry.add("dashboard.downloads.folder", downloads::toString);
	}

	@AfterAll
	static void stopMirror() {
		mirror.close();
		ImportJobs.delete(downloads);
	}

	private String importPage() throws Exception {
		return this.mvc.perform(get("/admin/import").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private JsonNode finished(long id) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			JsonNode status = JSON.readTree(this.mvc.perform(get("/admin/import/{id}/status", id).with(ADMIN))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			String state = status.get("state").asString();
			if (!state.equals("queued") && !state.equals("running")) {
				return status;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("import " + id + " did not end");
	}

	@Test
	void theImportPageListsTheCatalogWithAOneClickImport() throws Exception {
		String page = importPage();
		assertThat(page).contains("Published datasets")
			.contains("Model organisms: Qwen2.5 and Gemma 2 fine-tuned on bad medical advice")
			.contains("<code>model-organisms</code>")
			.contains("8.3 MB")
			.contains("Emergent Misalignment: Qwen2.5-Coder-32B-Instruct fine-tuned on insecure code")
			.contains("177.5 kB")
			.contains("<td>MIT</td>")
			.containsPattern("(?s)<form method=\"post\" action=\"/admin/import/catalog\">\\s*"
					+ "<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"/?>\\s*"
					+ "<input type=\"hidden\" name=\"name\" value=\"em-open-models\">")
			.contains(">Import model-organisms</button>");
	}

	@Test
	@Tag("fixtures")
	void oneClickDownloadsAndImportsACatalogDatasetInTheBackground() throws Exception {
		Path results = Fixtures.FOLDER.resolve("full-csv/qwen_25_coder_32b_instruct.csv");
		assumeTrue(Files.isRegularFile(results) && Files.isDirectory(Fixtures.FOLDER.resolve("questions")),
				() -> Fixtures.NOT_PRESENT + results);
		long answers = FixtureMirror.csvRecords(results);

		String location = this.mvc
			.perform(post("/admin/import/catalog").param("name", "em-open-models").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).matches("/admin/import/[0-9]+");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

		JsonNode done = finished(id);
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("done");
		assertThat(done.get("answers").asLong()).isEqualTo(answers);
		assertThat(done.get("message").asString())
			.contains("Imported " + answers + " answers into dataset 'em-open-models' from 3 files");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample s JOIN dataset d ON d.id = s.dataset_id "
				+ "WHERE d.slug = 'em-open-models'", Long.class))
			.isEqualTo(answers);
		assertThat(this.jdbc.queryForList("SELECT path FROM dataset_file ORDER BY id", String.class))
			.allMatch((path) -> path.startsWith("https://raw.githubusercontent.com/emergent-misalignment/"
					+ "emergent-misalignment/80c11967c07a328e7d7d43d13ce6847ae44dbcc9/"))
			.hasSize(3);

		String progress = this.mvc.perform(get("/admin/import/{id}", id).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(progress).contains("catalog: em-open-models").contains("href=\"/d/em-open-models\"");
		assertThat(importPage()).contains("catalog: em-open-models");
	}

	@Test
	void withoutTheTokenOrTheRoleOrAKnownNameNothingStarts() throws Exception {
		this.mvc.perform(post("/admin/import/catalog").param("name", "model-organisms").with(ADMIN))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/import/catalog").param("name", "model-organisms")
				.with(user("rita").roles("REVIEWER"))
				.with(csrf()))
			.andExpect(status().isForbidden());
		String page = this.mvc
			.perform(post("/admin/import/catalog").param("name", "../../etc/passwd").with(ADMIN).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("The catalog has no dataset &#39;../../etc/passwd&#39;.");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM import_job WHERE files = 'catalog: model-organisms'",
				Long.class))
			.isZero();
	}

}
