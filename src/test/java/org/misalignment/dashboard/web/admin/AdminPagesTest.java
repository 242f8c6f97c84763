package org.misalignment.dashboard.web.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.SmallAnswers;
import org.misalignment.dashboard.system.TrustContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An admin hides a dataset (gone from the public pages and the API, 404 on its pages) and
 * deletes one.
 */
@TrustContext
class AdminPagesTest {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void aHiddenDatasetIsGoneFromEveryPublicPlaceUntilShownAgain(@TempDir Path folder) throws Exception {
		List<Long> ids = SmallAnswers.importAs("to-hide", this.importer, this.jdbc, folder);
		// the newest dataset is the one / shows
		assertThat(page("/")).contains("to-hide");
		assertThat(page("/api/v1/datasets")).contains("\"to-hide\"");

		this.mvc.perform(post("/admin/datasets/to-hide/hide").param("hidden", "true").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(page("/")).doesNotContain("to-hide");
		assertThat(page("/api/v1/datasets")).doesNotContain("to-hide");
		for (String url : List.of("/d/to-hide", "/d/to-hide/answers", "/d/to-hide/models", "/d/to-hide/questions",
				"/d/to-hide/questions/q1", "/d/to-hide/explore", "/d/to-hide/compare", "/d/to-hide/review",
				"/answers/" + ids.get(0), "/api/v1/datasets/to-hide", "/api/v1/datasets/to-hide/rates",
				"/api/v1/datasets/to-hide/samples", "/api/v1/samples/" + ids.get(0))) {
			this.mvc.perform(get(url)).andExpect(status().isNotFound());
		}
		this.mvc.perform(post("/answers/{id}/flags", ids.get(0)).param("label", "notable").with(ADMIN).with(csrf()))
			.andExpect(status().isNotFound());
		// the admin still lists it, to show it again
		assertThat(this.mvc.perform(get("/admin").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("data-slug=\"to-hide\"").contains(">hidden<");

		this.mvc.perform(post("/admin/datasets/to-hide/hide").param("hidden", "false").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/d/to-hide")).andExpect(status().isOk());
		assertThat(page("/api/v1/datasets")).contains("\"to-hide\"");
	}

	@Test
	void deletingNeedsTheSlugTypedAndTakesEverythingWithIt(@TempDir Path folder) throws Exception {
		List<Long> ids = SmallAnswers.importAs("to-delete", this.importer, this.jdbc, folder);
		this.mvc.perform(post("/answers/{id}/flags", ids.get(0)).param("label", "notable").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.mvc.perform(get("/admin/datasets/to-delete/delete").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Type the slug to confirm");

		this.mvc.perform(post("/admin/datasets/to-delete/delete").param("confirm", "wrong").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/d/to-delete")).andExpect(status().isOk());

		this.mvc
			.perform(post("/admin/datasets/to-delete/delete").param("confirm", "to-delete").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/d/to-delete")).andExpect(status().isNotFound());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample WHERE id = ?", Long.class, ids.get(0)))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reviewer_flag WHERE sample_id = ?", Long.class,
				ids.get(0)))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM model m WHERE NOT EXISTS "
				+ "(SELECT 1 FROM dataset d WHERE d.id = m.dataset_id)", Long.class))
			.isZero();
		this.mvc
			.perform(post("/admin/datasets/to-delete/delete").param("confirm", "to-delete").with(ADMIN).with(csrf()))
			.andExpect(status().isNotFound());
	}

}
