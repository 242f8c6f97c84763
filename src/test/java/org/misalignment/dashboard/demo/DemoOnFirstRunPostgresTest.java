package org.misalignment.dashboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.store.imports.FirstImport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances starting at once on one empty PostgreSQL: the demo is imported once, and
 * neither start fails. Runs when {@code DASHBOARD_TEST_POSTGRES_URL} (and {@code _USER},
 * {@code _PASSWORD}) name a database it may wipe.
 */
@Tag("postgres")
@SpringBootTest(properties = "dashboard.demo.enabled=false")
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class DemoOnFirstRunPostgresTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Importer importer;

	@Autowired
	private FirstImport firstImport;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv("DASHBOARD_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

	/** Runs before the application starts, so that Flyway meets an empty database. */
	@BeforeAll
	static void emptySchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(System.getenv("DASHBOARD_TEST_POSTGRES_URL"),
				System.getenv("DASHBOARD_TEST_POSTGRES_USER"), System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
	}

	@Test
	void twoInstancesStartingTogetherImportTheDemoOnce() throws Exception {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset", Long.class)).isZero();
		// each "instance" has its own first-run check and import state; they share the
		// database, as two servers would, and import in the background as they do by
		// default
		List<DemoImportState> states = List.of(new DemoImportState(), new DemoImportState());
		List<DemoOnFirstRun> instances = states.stream()
			.map((state) -> new DemoOnFirstRun(this.firstImport, this.importer, state, false))
			.toList();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Object>> starts = instances.stream().map((instance) -> threads.submit(() -> {
				go.await();
				instance.afterSingletonsInstantiated();
				instance.startInBackground();
				return null;
			})).toList();
			go.countDown();
			for (Future<Object> start : starts) {
				start.get(1, TimeUnit.MINUTES); // throws if a start failed
			}
			for (DemoOnFirstRun instance : instances) {
				assertThat(instance.awaitBackground(Duration.ofMinutes(10))).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		// neither failed: one imported, the other found the demo there after its turn
		assertThat(states).extracting(DemoImportState::phase).containsOnly(DemoImportState.Phase.DONE);

		assertThat(this.jdbc.queryForList("SELECT slug FROM dataset", String.class)).containsExactly("demo");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isEqualTo(73_500);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM model", Long.class)).isEqualTo(39);
	}

}
