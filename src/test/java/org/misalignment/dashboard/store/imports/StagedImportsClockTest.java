package org.misalignment.dashboard.store.imports;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staged import is judged abandoned by the database's clock alone: its heartbeat is
 * written as the database's time and compared with it, so an instance whose own clock is
 * minutes off neither removes a live import nor keeps a dead one.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:staged-clock;DB_CLOSE_DELAY=-1" })
@DirtiesContext // its sweep stopped
class StagedImportsClockTest {

	@Autowired
	private StagedImports staging;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AbandonedImports sweeper;

	@Test
	void abandonmentFollowsTheDatabasesClock() {
		// the application's own sweep (every 30 s) would remove the abandoned ones while
		// this test judges them
		this.sweeper.destroy();
		this.jdbc.update("DELETE FROM dataset");
		stage("fresh", "DATEADD('SECOND', -10, CURRENT_TIMESTAMP)");
		stage("silent", "DATEADD('SECOND', -40, CURRENT_TIMESTAMP)");
		stage("never", "NULL");
		assertThat(this.staging.abandoned()).extracting(StagedImports.Staged::slug).containsExactly("silent", "never");
		assertThat(this.staging.find("fresh")).hasValueSatisfying((staged) -> assertThat(staged.abandoned()).isFalse());
	}

	private void stage(String slug, String beat) {
		this.jdbc.update(
				"INSERT INTO dataset (title, slug, status, hidden, imported_at, import_beat) "
						+ "VALUES (?, ?, 'importing', TRUE, ?, " + beat + ")",
				slug, slug, Timestamp.from(Instant.now()));
	}

}
