package org.misalignment.dashboard.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image's class-data archive is trained as the Dockerfile trains it: the script
 * starts a throwaway PostgreSQL cluster, starts the built jar on the postgres profile
 * against it, and leaves an archive that a start on that profile maps. Runs where the
 * PostgreSQL suite runs (PostgreSQL's programs installed, as root, after the jar is
 * built).
 */
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class CdsTrainingTest {

	@Test
	void theArchiveIsTrainedOnThePostgresProfile(@TempDir Path folder) throws Exception {
		Path jar = Path.of("target/misalignment-dashboard.jar");
		assumeTrue(Files.exists(jar), "the jar is built (mvn package) before the integration tests");
		assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")), "PostgreSQL's programs are installed");
		assumeTrue("root".equals(System.getProperty("user.name")), "the script runs as root, like a Docker build");
		Path archive = folder.resolve("app.jsa");
		Path log = folder.resolve("train.log");
		Process training = new ProcessBuilder("sh", "src/main/docker/train-cds.sh", jar.toString(), archive.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(training.waitFor(5, TimeUnit.MINUTES)).as("training finished in 5 minutes").isTrue();
		String output = read(log);
		assertThat(training.exitValue()).as(output).isZero();
		assertThat(output).contains("The following 1 profile is active: \"postgres\"")
			.contains("Database driver: PostgreSQL JDBC Driver")
			.contains("trained on the postgres profile");
		assertThat(Files.size(archive)).isGreaterThan(10_000_000L);
		// the cluster is gone with the script
		assertThat(output).doesNotContain("train-cds: no PostgreSQL");
		try (var left = Files.list(Path.of("/tmp"))) {
			assertThat(left.map(Path::getFileName).map(Path::toString)).noneMatch((n) -> n.startsWith("train-cds."));
		}
	}

	private static String read(Path log) throws IOException {
		return Files.readString(log, StandardCharsets.UTF_8);
	}

}
