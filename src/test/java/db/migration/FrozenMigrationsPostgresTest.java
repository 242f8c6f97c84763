package db.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.misalignment.dashboard.CleanPostgresSchema;
import org.misalignment.dashboard.DashboardApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FrozenMigrations} on PostgreSQL (bytea pairs and bands, the word index of V15,
 * V8's GIN index dropped by V15), the application and the migrations each in a schema of
 * their own emptied before each run. Runs when {@code DASHBOARD_TEST_POSTGRES_URL} (and
 * {@code _USER}, {@code _PASSWORD}) name a database, as {@code .ci/run} provides; skipped
 * otherwise.
 */
@SpringBootTest(classes = { DashboardApplication.class, CleanPostgresSchema.class },
		properties = { "dashboard.demo.enabled=false", "spring.flyway.schemas=" + FrozenMigrationsPostgresTest.SCHEMA,
				"spring.flyway.clean-disabled=false" })
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class FrozenMigrationsPostgresTest extends FrozenMigrations {

	/** The application's schema, which the importer writes. */
	static final String SCHEMA = "frozen_migrations";

	/** The schema migrated to V7, given the answers and migrated on. */
	private static final String FROM_V7 = "frozen_migrations_from_v7";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url(SCHEMA));
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

	private static String url(String schema) {
		String url = System.getenv("DASHBOARD_TEST_POSTGRES_URL");
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	@Override
	FluentConfiguration emptyDatabase() {
		FluentConfiguration flyway = Flyway.configure()
			.dataSource(url(FROM_V7), System.getenv("DASHBOARD_TEST_POSTGRES_USER"),
					System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"))
			.schemas(FROM_V7)
			.cleanDisabled(false);
		flyway.load().clean();
		return flyway;
	}

	@Override
	boolean readsAnswersInIdOrder() {
		return false;
	}

	/**
	 * V8 added a GIN index over the answers' words, which V15 dropped when the word index
	 * took its place.
	 */
	@Test
	void textSearchIndexWasDropped() {
		assertThat(migrated().queryForObject(
				"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = ? AND indexname = 'ix_sample_text'", Long.class,
				FROM_V7))
			.isZero();
		assertThat(migrated().queryForObject(
				"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = ? AND indexname = 'ix_sample_by_id'", Long.class,
				FROM_V7))
			.isOne();
	}

}
