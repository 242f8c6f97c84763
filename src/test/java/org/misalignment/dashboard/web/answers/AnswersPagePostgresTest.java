package org.misalignment.dashboard.web.answers;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every check of {@link AnswersPageTest} on PostgreSQL: the browser's queries (keyset
 * pages, grouped facet counts, neighbours) must give the same answers there. Runs when
 * {@code DASHBOARD_TEST_POSTGRES_URL} names a database it may write to, as
 * {@code .ci/run} provides; skipped otherwise.
 */
@Tag("postgres")
@SpringBootTest(properties = "dashboard.demo.enabled=false")
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class AnswersPagePostgresTest extends AnswersPageTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv("DASHBOARD_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

}
