package org.misalignment.dashboard.web.review;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every check of {@link ReviewerFlagsTest} on PostgreSQL: flags on answers, the flag
 * facet, the review page and the API flags. Runs when {@code DASHBOARD_TEST_POSTGRES_URL}
 * names a database it may write to, as {@code .ci/run} provides; skipped otherwise.
 */
@Tag("postgres")
@SpringBootTest(properties = "dashboard.demo.enabled=false")
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class ReviewerFlagsPostgresTest extends ReviewerFlagsTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv("DASHBOARD_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

}
