package org.misalignment.dashboard.store.imports;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * A web import whose instance died does not stay "running" for ever: without a sign of
 * life for a minute it is marked failed, and its page says why; imports whose instance is
 * alive keep running.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:job-beats;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
class ImportJobBeatsTest {

	@Autowired
	private ImportJobRows rows;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Test
	void importsOfADeadInstanceAreMarkedFailed() throws Exception {
		long alive = this.rows.add("alive", "a.csv", "admin");
		this.rows.running(alive);
		long died = this.rows.add("died", "b.csv", "admin");
		this.rows.running(died);
		long queuedBeforeBeats = this.rows.add("old", "c.csv", "admin");
		Timestamp twoMinutesAgo = Timestamp.from(Instant.now().minusSeconds(120));
		this.jdbc.update("UPDATE import_job SET beat = DATEADD('SECOND', -120, CURRENT_TIMESTAMP) WHERE id = ?", died);
		this.jdbc.update("UPDATE import_job SET beat = NULL, started_at = ? WHERE id = ?", twoMinutesAgo,
				queuedBeforeBeats);
		this.rows.beat(List.of(alive));

		// the dashboard's own pass (AbandonedImports: at start, then every 30 s) may have
		// marked them a moment before this call; either way both are failed after it
		assertThat(this.rows.failSilent()).isIn(0, 2);

		assertThat(this.rows.find(alive).orElseThrow().state()).isEqualTo("running");
		for (long id : List.of(died, queuedBeforeBeats)) {
			ImportJobRows.Job job = this.rows.find(id).orElseThrow();
			assertThat(job.state()).isEqualTo("failed");
			assertThat(job.message()).startsWith("The dashboard instance that ran this import stopped before it ended");
		}
		this.mvc.perform(get("/admin/import/{id}", died).with(user("admin").roles("ADMIN")))
			.andExpect(content().string(containsString("stopped before it ended")));
		// a second look changes nothing
		assertThat(this.rows.failSilent()).isZero();
	}

}
