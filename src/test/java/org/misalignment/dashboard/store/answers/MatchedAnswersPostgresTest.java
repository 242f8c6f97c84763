package org.misalignment.dashboard.store.answers;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.Tag;
import org.misalignment.dashboard.CleanPostgresSchema;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link MatchedAnswersTest} on PostgreSQL (no index hint there), on the demo imported
 * into a schema of its own, emptied before each run. Runs when
 * {@code DASHBOARD_TEST_POSTGRES_URL} (and {@code _USER}, {@code _PASSWORD}) name a
 * database, as {@code .ci/run} provides; skipped otherwise.
 */
@SpringBootTest(properties = { "spring.flyway.schemas=" + MatchedAnswersPostgresTest.SCHEMA,
		"spring.flyway.clean-disabled=false" })
@Import(CleanPostgresSchema.class)
@Tag("postgres")
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class MatchedAnswersPostgresTest extends MatchedAnswersTest {

	static final String SCHEMA = "matched_answers";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", MatchedAnswersPostgresTest::url);
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

	private static String url() {
		String url = System.getenv("DASHBOARD_TEST_POSTGRES_URL");
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
	}

}
