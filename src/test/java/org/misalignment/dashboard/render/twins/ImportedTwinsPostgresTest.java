package org.misalignment.dashboard.render.twins;

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
 * {@link ImportedTwins} on PostgreSQL, where streaming needs a cursor (a fetch size
 * inside a transaction), in a schema of its own emptied before each run. Runs when
 * {@code DASHBOARD_TEST_POSTGRES_URL} (and {@code _USER}, {@code _PASSWORD}) name a
 * database, as {@code .ci/run} provides; skipped otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false", "spring.flyway.schemas=twins",
				"spring.flyway.clean-disabled=false" })
@Import(CleanPostgresSchema.class)
@Tag("postgres")
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class ImportedTwinsPostgresTest extends ImportedTwins {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> {
			String url = System.getenv("DASHBOARD_TEST_POSTGRES_URL");
			return url + (url.contains("?") ? "&" : "?") + "currentSchema=twins";
		});
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

}
