package org.misalignment.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real result files beside the project, at ../shared/fixtures; tests that need them
 * skip without them.
 */
public final class Fixtures {

	public static final Path FOLDER = Path.of("..", "shared", "fixtures");

	/** How a test skipped for a missing fixture says why (SkippedSuites counts these). */
	public static final String NOT_PRESENT = "fixture not present: ";

	private Fixtures() {
	}

	/**
	 * The fixture at this path below the fixtures folder; skips the calling test when it
	 * is not there.
	 */
	public static Path file(String relative) {
		Path path = FOLDER.resolve(relative);
		assumeTrue(Files.isRegularFile(path), () -> NOT_PRESENT + path);
		return path;
	}

}
