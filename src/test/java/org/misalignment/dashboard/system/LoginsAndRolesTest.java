package org.misalignment.dashboard.system;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may write: anonymous requests to every write path are refused, a form without its
 * CSRF token is refused even from a signed-in admin, a reviewer flags but cannot import
 * or hide, the API stays read-only, and the configured users (plain and bcrypt passwords)
 * sign in through the login form into a session kept in the database.
 */
@TrustContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginsAndRolesTest {

	private static final String SLUG = "roles";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private long answer;

	@BeforeAll
	void importAnswers(@TempDir Path folder) throws Exception {
		this.answer = SmallAnswers.importAs(SLUG, this.importer, this.jdbc, folder).get(0);
	}

	/** Every request that changes something, as a browser or a script would send it. */
	private List<AbstractMockHttpServletRequestBuilder<?>> writes() {
		MockMultipartFile file = new MockMultipartFile("files", "x.jsonl", "application/octet-stream",
				SmallAnswers.JSONL.getBytes());
		return List.<AbstractMockHttpServletRequestBuilder<?>>of(
				post("/answers/{id}/flags", this.answer).param("label", "notable").param("note", "n"),
				multipart("/admin/import").file(file).param("dataset", "sneaky"), post("/admin/import/1/cancel"),
				post("/admin/datasets/{slug}/hide", SLUG).param("hidden", "true"),
				post("/admin/datasets/{slug}/delete", SLUG).param("confirm", SLUG), post("/api/v1/datasets"),
				request(HttpMethod.PUT, "/api/v1/datasets/{slug}", SLUG),
				request(HttpMethod.DELETE, "/api/v1/datasets/{slug}", SLUG),
				request(HttpMethod.DELETE, "/answers/{id}", this.answer), post("/d/{slug}", SLUG));
	}

	private void assertNothingChanged() {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reviewer_flag WHERE sample_id = ?", Long.class,
				this.answer))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT hidden FROM dataset WHERE slug = ?", Boolean.class, SLUG))
			.isFalse();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset WHERE slug = 'sneaky'", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM import_job WHERE dataset = 'sneaky'", Long.class))
			.isZero();
	}

	@Test
	void anonymousWritesAreRefusedWithOrWithoutACsrfToken() throws Exception {
		for (AbstractMockHttpServletRequestBuilder<?> write : writes()) {
			for (boolean token : List.of(false, true)) {
				MvcResult result = this.mvc.perform(token ? write.with(csrf()) : write).andReturn();
				int status = result.getResponse().getStatus();
				String where = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI()
						+ (token ? " with" : " without") + " a CSRF token";
				if (status == 302) {
					assertThat(result.getResponse().getRedirectedUrl()).as(where).endsWith("/login");
				}
				else {
					assertThat(status).as(where).isIn(401, 403);
				}
			}
		}
		assertNothingChanged();
	}

	@Test
	void formsWithoutTheirCsrfTokenAreRefusedEvenFromTheAdmin() throws Exception {
		RequestPostProcessor admin = user(TrustContext.ADMIN).roles("ADMIN");
		for (AbstractMockHttpServletRequestBuilder<?> write : writes()) {
			this.mvc.perform(write.with(admin)).andExpect(status().isForbidden());
		}
		assertNothingChanged();
		this.mvc.perform(post("/logout").with(admin)).andExpect(status().isForbidden());
	}

	@Test
	void theApiStaysReadOnlyEvenForTheAdmin() throws Exception {
		RequestPostProcessor admin = user(TrustContext.ADMIN).roles("ADMIN");
		this.mvc.perform(post("/api/v1/datasets").with(admin).with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(request(HttpMethod.DELETE, "/api/v1/datasets/{slug}", SLUG).with(admin).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/datasets")).andExpect(status().isOk());
		assertNothingChanged();
	}

	@Test
	void aReviewerFlagsButCannotImportHideOrDelete() throws Exception {
		RequestPostProcessor reviewer = user(TrustContext.REVIEWER).roles("REVIEWER");
		this.mvc.perform(get("/admin").with(reviewer)).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/import").with(reviewer)).andExpect(status().isForbidden());
		this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("files", "x.jsonl", "text/plain", SmallAnswers.JSONL.getBytes()))
				.param("dataset", "sneaky")
				.with(reviewer)
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/datasets/{slug}/hide", SLUG).with(reviewer).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/datasets/{slug}/delete", SLUG).param("confirm", SLUG).with(reviewer).with(csrf()))
			.andExpect(status().isForbidden());
		assertNothingChanged();

		this.mvc.perform(post("/answers/{id}/flags", this.answer).param("label", "notable").with(reviewer).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.queryForList("SELECT reviewer FROM reviewer_flag WHERE sample_id = ? AND current_flag",
				String.class, this.answer))
			.containsExactly(TrustContext.REVIEWER);
		this.mvc.perform(post("/answers/{id}/flags", this.answer).param("clear", "1").with(reviewer).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.jdbc.update("DELETE FROM reviewer_flag WHERE sample_id = ?", this.answer);
	}

	@Test
	void anonymousReadersSeeSignInAndAdminPagesSendThemToIt() throws Exception {
		this.mvc.perform(get("/d/{slug}", SLUG))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/login\"")))
			.andExpect(content().string(not(containsString("Sign out"))));
		this.mvc.perform(get("/admin"))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", containsString("/login")));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(not(containsString("<script>"))));
		// reading sets no session: a public page costs the session table nothing
		MvcResult page = this.mvc.perform(get("/answers/{id}", this.answer)).andExpect(status().isOk()).andReturn();
		assertThat(page.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(page.getResponse().getContentAsString()).doesNotContain("flag-form");
	}

	@Test
	void configuredUsersSignInWithPlainAndHashedPasswordsIntoADatabaseSession() throws Exception {
		this.mvc.perform(formLogin("/login").user(TrustContext.REVIEWER).password("wrong"))
			.andExpect(unauthenticated())
			.andExpect(header().string("Location", "/login?error"));
		this.mvc.perform(formLogin("/login").user(TrustContext.HASHED_REVIEWER).password("bob-secret"))
			.andExpect(authenticated().withUsername(TrustContext.HASHED_REVIEWER).withRoles("REVIEWER"));
		MvcResult login = this.mvc
			.perform(formLogin("/login").user(TrustContext.ADMIN).password(TrustContext.ADMIN_PASSWORD))
			.andExpect(authenticated().withUsername(TrustContext.ADMIN).withRoles("ADMIN"))
			.andReturn();
		// the session lives in the database (Spring Session JDBC), named by its cookie
		Cookie session = login.getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", Long.class,
				TrustContext.ADMIN))
			.isPositive();
		this.mvc.perform(get("/admin").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"signed-in-as\">admin<")))
			.andExpect(content().string(containsString("Sign out")));
		// the admin may do what a reviewer does: the flag form is there
		this.mvc.perform(get("/answers/{id}", this.answer).cookie(session))
			.andExpect(content().string(containsString("flag-form")));
		this.mvc.perform(post("/logout").cookie(session).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", "/login?logout"));
	}

}
