package db.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.misalignment.dashboard.DashboardApplication;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link FrozenMigrations} on H2: the importer's word index included. */
@SpringBootTest(classes = DashboardApplication.class, properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:frozen-migrations;DB_CLOSE_DELAY=-1" })
class FrozenMigrationsTest extends FrozenMigrations {

	@Override
	FluentConfiguration emptyDatabase() {
		return Flyway.configure().dataSource("jdbc:h2:mem:frozen-migrations-from-v7;DB_CLOSE_DELAY=-1", "sa", "");
	}

	@Override
	boolean readsAnswersInIdOrder() {
		return true;
	}

}
