package org.misalignment.dashboard.importing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.misalignment.dashboard.CleanPostgresSchema;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link InspectVersionsTest} on PostgreSQL, where answers are written with {@code COPY}
 * (the archive entry each came from among them), in a schema of its own emptied before
 * each run. Runs when {@code DASHBOARD_TEST_POSTGRES_URL} (and {@code _USER},
 * {@code _PASSWORD}) name a database; skipped otherwise.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false", "spring.flyway.schemas=inspect_versions",
		"spring.flyway.clean-disabled=false" })
@Import(CleanPostgresSchema.class)
@Tag("postgres")
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class InspectVersionsPostgresTest extends InspectVersionsTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> {
			String url = System.getenv("DASHBOARD_TEST_POSTGRES_URL");
			return url + (url.contains("?") ? "&" : "?") + "currentSchema=inspect_versions";
		});
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

}
