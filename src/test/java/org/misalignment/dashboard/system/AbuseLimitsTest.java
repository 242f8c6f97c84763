package org.misalignment.dashboard.system;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportException;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What an anonymous client may not do to a public site: search with words the index
 * cannot answer, upload to any URL, ask for giant images, rewrite the site's own links
 * with forwarded headers, guess passwords without pause, or have signed-in pages and
 * errors cached; and what configuration must not allow: a password kept as written, a
 * manifest's link out of its folder, a YAML file that refers to itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false", "spring.datasource.url=jdbc:h2:mem:abuse;DB_CLOSE_DELAY=-1",
				"dashboard.admin.password=admin-secret", "dashboard.users[0].name=tess",
				"dashboard.users[0].password=tess-secret", "dashboard.users[1].name=nora",
				"dashboard.users[1].password={noop}nora-pw" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseLimitsTest {

	private static final String SLUG = "abuse";

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	private MockMvc mvc;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	void importAnswers(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs(SLUG, this.importer, this.jdbc, folder);
	}

	@Test
	void searchesTheIndexCannotAnswerAreRefusedWithTheReason() throws Exception {
		String longWord = "a".repeat(101);
		this.mvc.perform(get("/d/{slug}/answers", SLUG).param("q", longWord))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("words of at most 100 are searched")));
		this.mvc.perform(get("/api/v1/datasets/{slug}/samples", SLUG).param("q", longWord))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("words of at most 100 are searched")));
		StringBuilder words = new StringBuilder();
		for (int i = 0; i <= 32; i++) {
			words.append("word").append(i).append(' ');
		}
		this.mvc.perform(get("/d/{slug}/answers", SLUG).param("q", words.toString()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("at most 32 words; this one has 33")));
		this.mvc.perform(get("/d/{slug}/answers", SLUG).param("q", "x ".repeat(251)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("at most 500 characters")));
		// what a reader types still works
		this.mvc.perform(get("/d/{slug}/answers", SLUG).param("q", "two")).andExpect(status().isOk());
	}

	@Test
	void uploadsAreReadOnlyForTheAdminsImport() throws Exception {
		MockMultipartFile file = new MockMultipartFile("files", "x.jsonl", "application/octet-stream",
				SmallAnswers.JSONL.getBytes(StandardCharsets.UTF_8));
		for (String path : List.of("/", "/login", "/d/" + SLUG, "/answers/1/flags")) {
			this.mvc.perform(multipart(path).file(file).with(csrf()))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(header().string("Connection", "close"));
		}
		this.mvc.perform(multipart("/admin/import").file(file).with(csrf()))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only a signed-in admin may upload")));
		this.mvc.perform(multipart("/admin/import").file(file).with(user("tess").roles("REVIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		// the admin's upload reaches the import form's own checks
		this.mvc.perform(multipart("/admin/import").file(file).param("dataset", "Not A Slug").with(ADMIN).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is not a slug")));
	}

	@Test
	void aManifestThatRefersToItselfIsAnErrorAndLeavesNoTemporaryFolder() throws Exception {
		long before = uploadFolders();
		for (String manifest : List.of("questions: &a [[*a]]\nfiles: []\n", bomb())) {
			this.mvc
				.perform(multipart("/admin/import").file(new MockMultipartFile("files", "manifest.yaml", "text/yaml",
						manifest.getBytes(StandardCharsets.UTF_8)))
					.with(ADMIN)
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("manifest.yaml:")));
		}
		assertThat(uploadFolders()).isEqualTo(before);
	}

	/**
	 * A manifest whose aliases double at each of 25 levels (33 million names if
	 * expanded).
	 */
	private static String bomb() {
		StringBuilder yaml = new StringBuilder("l0: &l0 [a.csv, a.csv]\n");
		for (int i = 1; i <= 25; i++) {
			yaml.append("l")
				.append(i)
				.append(": &l")
				.append(i)
				.append(" [*l")
				.append(i - 1)
				.append(", *l")
				.append(i - 1)
				.append("]\n");
		}
		return yaml.append("questions: *l25\nfiles: []\n").toString();
	}

	private static long uploadFolders() throws Exception {
		try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return entries.filter((path) -> path.getFileName().toString().startsWith("dashboard-import-")).count();
		}
	}

	@Test
	void pngImagesAreBoundedInPixelsAndErrorsAreNotCached() throws Exception {
		this.mvc
			.perform(get("/embed/d/{slug}/overview.png", SLUG).param("width", "2400")
				.param("height", "1600")
				.param("scale", "3"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("at most 6,000,000 pixels")))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(header().doesNotExist(HttpHeaders.ETAG));
		this.mvc.perform(get("/embed/d/nosuch/overview.png"))
			.andExpect(status().isNotFound())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(header().doesNotExist(HttpHeaders.ETAG));
		// a good image keeps its caching (EmbedsAndImagesTest, on a real server)
	}

	@Test
	void forwardedHeadersFromAClientDoNotChangeTheSitesLinks() throws Exception {
		this.mvc
			.perform(get("/d/{slug}", SLUG).header("X-Forwarded-Host", "evil.example")
				.header("X-Forwarded-Proto", "https")
				.header("Forwarded", "host=evil.example;proto=https"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("evil.example"))))
			.andExpect(content().string(containsString("http://localhost/d/" + SLUG)));
	}

	@Test
	void signedInPagesAndErrorsAreNeverStored() throws Exception {
		this.mvc.perform(get("/admin").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));
		this.mvc.perform(get("/d/{slug}", SLUG).with(ADMIN))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));
		// the same page for a reader may be kept (PublicCachingTest)
		this.mvc.perform(get("/d/{slug}", SLUG))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "public, max-age=0, s-maxage=60"));
		this.mvc.perform(get("/d/nosuch"))
			.andExpect(status().isNotFound())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));
	}

	@Test
	void visitorsQueriesHaveATimeout() {
		assertThat(this.jdbc.getQueryTimeout()).isEqualTo(20);
	}

	@Test
	void aPasswordIsKeptHashedEvenWhenWrittenAsNoop() throws Exception {
		this.mvc.perform(formLogin().user("nora").password("nora-pw")).andExpect(unauthenticated());
		this.mvc.perform(formLogin().user("nora").password("{noop}nora-pw")).andExpect(authenticated());
	}

	@Test
	void wrongPasswordsPauseSigningInAndTheLoginPageSaysForHowLong() throws Exception {
		for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES; i++) {
			this.mvc.perform(formLogin().user("tess").password("guess-" + i))
				.andExpect(unauthenticated())
				.andExpect(redirectedUrl("/login?error"));
		}
		// now even the right password waits
		this.mvc.perform(formLogin().user("tess").password("tess-secret"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?locked=15"));
		this.mvc.perform(get("/login").param("locked", "15"))
			.andExpect(content().string(containsString("signing in is paused. Try again in 15 minutes.")));
		// and so does a script sending the password to the metrics on the management port
		HttpResponse<String> metrics = Http.get(this.managementPort, "/actuator/metrics", "tess", "tess-secret");
		assertThat(metrics.statusCode()).isEqualTo(429);
		assertThat(metrics.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
		// another name is not paused by these
		this.mvc.perform(formLogin().user("nora").password("{noop}nora-pw")).andExpect(authenticated());
	}

	@Test
	void aManifestsLinkToAFileOutsideItsFolderIsRefused(@TempDir Path folder) throws Exception {
		Path outside = Files.createDirectories(folder.resolve("outside"));
		Files.writeString(outside.resolve("secret.jsonl"), SmallAnswers.JSONL);
		Path data = Files.createDirectories(folder.resolve("data"));
		Files.createSymbolicLink(data.resolve("answers.jsonl"), outside.resolve("secret.jsonl"));
		Path manifest = data.resolve("manifest.yaml");
		Files.writeString(manifest, "dataset: linked\nfiles:\n  - {path: answers.jsonl}\n");
		assertThatThrownBy(() -> this.importer.run(new ImportRequest(null, null, null, null, List.of(manifest)),
				ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessageContaining("manifest.yaml:3: 'answers.jsonl' is a link to a file outside the manifest's folder");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset WHERE slug = 'linked'", Long.class)).isZero();
	}

}
