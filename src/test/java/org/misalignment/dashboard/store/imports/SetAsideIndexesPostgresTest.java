package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.misalignment.dashboard.CleanPostgresSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexes an import command sets aside, on PostgreSQL: dropped in the import's
 * transaction and built again exactly as the migrations made them (compared statement by
 * statement as PostgreSQL reports them), by an import's connection out of auto-commit and
 * by the dashboard's restore; never set aside while another dashboard or import is
 * connected to the database, and kept when another client holds the answers' table. Runs
 * when {@code DASHBOARD_TEST_POSTGRES_URL} (and {@code _USER}, {@code _PASSWORD}) name a
 * database, in a schema of its own emptied before each run.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false", "spring.flyway.schemas=set_aside_indexes",
		"spring.flyway.clean-disabled=false", "dashboard.import.rebuild-indexes=true",
		"dashboard.import.rebuild-indexes-from-mb=0" })
@Import(CleanPostgresSchema.class)
@Tag("postgres")
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class SetAsideIndexesPostgresTest {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ImportStore store;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url());
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

	private static String url() {
		String url = System.getenv("DASHBOARD_TEST_POSTGRES_URL");
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=set_aside_indexes";
	}

	@Test
	void droppedAndBuiltAgainAsTheMigrationsMadeThem() throws Exception {
		List<String> migrated = definitions();
		assertThat(migrated).hasSize(4)
			.anySatisfy((definition) -> assertThat(definition).startsWith("CREATE INDEX ix_sample_by_aligned ON "
					+ "set_aside_indexes.sample USING btree (dataset_id, aligned, id, coherent, model_id, "
					+ "question_ref, condition_name)"));

		// as an import does it: out of auto-commit, the drop committed with it
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			SetAsideIndexes.drop(connection);
			connection.rollback(); // nothing left to undo: the drop is committed
			assertThat(SetAsideIndexes.missing(connection)).isEqualTo(4);
		}
		assertThat(definitions()).isEmpty();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			assertThat(SetAsideIndexes.restore(connection)).isTrue();
			connection.rollback();
			assertThat(SetAsideIndexes.missing(connection)).isZero();
		}
		assertThat(definitions()).isEqualTo(migrated);

		// as a killed import leaves them, built by the dashboard's restore
		try (Connection connection = this.dataSource.getConnection()) {
			SetAsideIndexes.drop(connection);
		}
		assertThat(this.store.restoreIndexes()).isTrue();
		assertThat(definitions()).isEqualTo(migrated);
		assertThat(this.store.restoreIndexes()).isFalse();
	}

	@Test
	void neverSetAsideWhileAnotherDashboardIsConnected() throws Exception {
		try (Connection other = connect("misalignment-dashboard");
				Connection connection = this.dataSource.getConnection()) {
			assertThat(other.isValid(5)).isTrue();
			assertThat(this.store.setsAsideIndexes(connection, 1L << 40)).isFalse();
		}
	}

	@Test
	void keptWhileAnotherClientHoldsTheAnswersTable() throws Exception {
		try (Connection analyst = connect("psql"); Connection connection = this.dataSource.getConnection()) {
			analyst.setAutoCommit(false);
			analyst.createStatement().execute("SELECT COUNT(*) FROM sample"); // its
																				// transaction
																				// stays
																				// open
			connection.setAutoCommit(false);
			long started = System.nanoTime();
			assertThat(SetAsideIndexes.tryDrop(connection)).isFalse();
			assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(SetAsideIndexes.LOCK_WAIT.toNanos());
			assertThat(SetAsideIndexes.missing(connection)).isZero();
			analyst.rollback();
			assertThat(SetAsideIndexes.tryDrop(connection)).isTrue();
			assertThat(SetAsideIndexes.missing(connection)).isEqualTo(4);
			assertThat(SetAsideIndexes.restore(connection)).isTrue();
		}
	}

	private static Connection connect(String application) throws Exception {
		Properties properties = new Properties();
		properties.setProperty("user", System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		properties.setProperty("password", System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
		properties.setProperty("ApplicationName", application);
		return DriverManager.getConnection(url(), properties);
	}

	/** The four indexes as PostgreSQL reports their definitions, by name. */
	private List<String> definitions() {
		return this.jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = 'set_aside_indexes' "
				+ "AND indexname IN ('ix_sample_by_aligned', 'ix_sample_by_coherent', 'ix_sample_by_model', "
				+ "'ix_sample_by_question') ORDER BY indexname", String.class);
	}

}
