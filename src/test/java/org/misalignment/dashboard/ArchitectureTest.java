package org.misalignment.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the layout of docs/architecture.md true: no package cycle at any level, SQL and
 * JDBC only in the store, the statistics free of frameworks, migrations free of
 * application code, and files of a readable size.
 */
@AnalyzeClasses(packages = { "org.misalignment.dashboard", "db.migration" },
		importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	private static final String BASE = "org.misalignment.dashboard";

	/** Data access: the JDBC API, Spring's JDBC and data support, JPA and Hibernate. */
	private static final String[] DATA_ACCESS = { "java.sql..", "javax.sql..", "org.springframework.jdbc..",
			"org.springframework.data..", "org.springframework.orm..", "jakarta.persistence..", "org.hibernate.." };

	@ArchTest
	static final ArchRule noCycleBetweenPackages = slices().matching(BASE + ".(**)")
		.should()
		.beFreeOfCycles()
		.because("a cycle between packages is a bug: dependencies point one way");

	@ArchTest
	static final ArchRule noCycleBetweenTopLevelPackages = slices().matching(BASE + ".(*)..")
		.should()
		.beFreeOfCycles()
		.because("web → render → store → rates, importing → store: never back");

	@ArchTest
	static final ArchRule dataAccessOnlyInTheStore = noClasses().that()
		.resideOutsideOfPackages(BASE + ".store..", "db.migration..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(DATA_ACCESS)
		.because("the store is the only package that speaks to the database");

	@ArchTest
	static final ArchRule storeDependsOnNothingAbove = noClasses().that()
		.resideInAPackage(BASE + ".store..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(BASE + ".web..", BASE + ".render..", BASE + ".system..", BASE + ".importing..",
				BASE + ".demo..");

	@ArchTest
	static final ArchRule renderDoesNotKnowThePages = noClasses().that()
		.resideInAPackage(BASE + ".render..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(BASE + ".web..");

	@ArchTest
	static final ArchRule ratesArePlainJava = noClasses().that()
		.resideInAPackage(BASE + ".rates..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "tools.jackson..", BASE + ".store..", BASE + ".web..",
				BASE + ".render..", BASE + ".system..", BASE + ".importing..");

	@ArchTest
	static final ArchRule migrationsUseOnlyTheirOwnCode = noClasses().that()
		.resideInAPackage("db.migration..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(BASE + "..")
		.because("a released migration must never change meaning when application code changes");

	/**
	 * A SQL statement written in a string: what only the store (and the migrations) may
	 * hold.
	 */
	private static final Pattern SQL = Pattern.compile(
			"\"[^\"]*\\b(SELECT\\s+\\S|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|CREATE\\s+(TABLE|INDEX))");

	@Test
	void sqlStringsOnlyInTheStore() throws IOException {
		List<String> outside = new ArrayList<>();
		for (Path file : mainSources()) {
			String path = file.toString().replace('\\', '/');
			if (path.contains("/dashboard/store/") || path.contains("/db/migration/")) {
				continue;
			}
			if (SQL.matcher(Files.readString(file)).find()) {
				outside.add(path);
			}
		}
		assertThat(outside).as("SQL outside the store").isEmpty();
	}

	/**
	 * Past this a class usually does two jobs; a longer file says why in a comment near
	 * its top.
	 */
	private static final int LINES = 400;

	@Test
	void filesOfReadableSize() throws IOException {
		List<String> long_ = new ArrayList<>();
		for (Path file : mainSources()) {
			List<String> lines = Files.readAllLines(file);
			boolean explained = lines.stream().limit(40).anyMatch((line) -> line.contains("Longer than 400 lines:"));
			if (lines.size() > LINES && !explained) {
				long_.add(file + ": " + lines.size() + " lines");
			}
		}
		assertThat(long_).as("main source files over " + LINES + " lines without a reason at their top").isEmpty();
	}

	private static List<Path> mainSources() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
	}

}
