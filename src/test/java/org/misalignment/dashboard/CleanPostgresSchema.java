package org.misalignment.dashboard;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Empties a PostgreSQL test's schema before migrating it, so that every run starts from
 * nothing: {@code @Import(CleanPostgresSchema.class)} beside
 * {@code spring.flyway.clean-disabled=false}.
 */
@TestConfiguration
public class CleanPostgresSchema {

	@Bean
	FlywayMigrationStrategy cleanFirst() {
		return (flyway) -> {
			flyway.clean();
			flyway.migrate();
		};
	}

}
