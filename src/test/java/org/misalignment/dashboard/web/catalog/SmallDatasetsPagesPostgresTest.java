package org.misalignment.dashboard.web.catalog;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.Tag;
import org.misalignment.dashboard.CleanPostgresSchema;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SmallDatasetsPages} on PostgreSQL (the scatter's window query, the answer cards'
 * SUBSTRING), in a schema of its own emptied before each run, so that it never meets
 * another test's data. Runs when {@code DASHBOARD_TEST_POSTGRES_URL} (and {@code _USER},
 * {@code _PASSWORD}) name a database, as {@code .ci/run} provides; skipped otherwise.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false", "spring.flyway.schemas=catalog_pages",
		"spring.flyway.clean-disabled=false" })
@Import(CleanPostgresSchema.class)
@Tag("postgres")
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class SmallDatasetsPagesPostgresTest extends SmallDatasetsPages {

	private static final String SCHEMA = "catalog_pages";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", SmallDatasetsPagesPostgresTest::url);
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

	private static String url() {
		String url = System.getenv("DASHBOARD_TEST_POSTGRES_URL");
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
	}

}
