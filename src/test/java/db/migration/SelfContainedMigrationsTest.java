package db.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java migrations use only code of their own package, which never changes once
 * released: nothing of the application, whose refactors would otherwise change what an
 * old migration does on a database that has not run it yet. Their helpers are not
 * migrations to Flyway.
 */
class SelfContainedMigrationsTest {

	private static final Path SOURCES = Path.of("src", "main", "java", "db", "migration");

	/**
	 * How Flyway recognises a Java migration by its class name (versioned or repeatable).
	 */
	private static final Pattern MIGRATION = Pattern.compile("(V\\d+(_\\d+)*__|R__)\\w+");

	@Test
	void noMigrationSourceNamesTheApplication() throws IOException {
		List<Path> sources = sources();
		assertThat(sources).isNotEmpty();
		for (Path source : sources) {
			// any mention counts: an import, a fully qualified name, a static import
			assertThat(Files.readString(source)).as("%s", source).doesNotContain("org.misalignment");
		}
	}

	@Test
	void onlyMigrationsAreNamedAndBuiltAsMigrations() throws Exception {
		for (Path source : sources()) {
			String name = source.getFileName().toString().replaceFirst("\\.java$", "");
			Class<?> type = Class.forName("db.migration." + name);
			boolean migration = MIGRATION.matcher(name).matches();
			assertThat(JavaMigration.class.isAssignableFrom(type)).as("%s is a JavaMigration", name)
				.isEqualTo(migration);
		}
	}

	private static List<Path> sources() throws IOException {
		try (Stream<Path> files = Files.list(SOURCES)) {
			return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
	}

}
