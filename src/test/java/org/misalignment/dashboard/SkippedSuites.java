package org.misalignment.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run which suites did not run, and why: the browser suite
 * without Chromium and its driver, the PostgreSQL suite without a database to test on,
 * the tests on the research's result files without {@code ../shared/fixtures}. A test
 * that skips itself (an assumption, a condition) is counted under its suite with its
 * reason; nothing that did not run goes unmentioned. {@code .ci/run} provides all three.
 * Registered for every JUnit run in {@code META-INF/services}.
 */
public final class SkippedSuites implements TestExecutionListener {

	/** Per suite, per reason: how many tests or classes did not run. */
	private final Map<String, Map<String, AtomicInteger>> skipped = new ConcurrentHashMap<>();

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		add(test, reason);
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			add(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan plan) {
		if (this.skipped.isEmpty()) {
			return;
		}
		StringBuilder summary = new StringBuilder("\nSuites and tests that did not run:\n");
		new TreeMap<>(this.skipped).forEach((suite, reasons) -> reasons
			.forEach((reason, count) -> summary.append(String.format("  %s: not run (%d %s), %s%n", suite, count.get(),
					(count.get() == 1) ? "test or class" : "tests or classes", hint(suite, reason)))));
		summary.append("  To run everything on a fresh Debian machine: .ci/run (README, \"Tests\").\n");
		System.out.print(summary);
	}

	private void add(TestIdentifier test, String reason) {
		String suite = (reason != null && reason.startsWith(Fixtures.NOT_PRESENT)) ? "tests on real result files"
				: suite(test);
		this.skipped.computeIfAbsent(suite, (s) -> new LinkedHashMap<>());
		synchronized (this.skipped.get(suite)) {
			this.skipped.get(suite)
				.computeIfAbsent(String.valueOf(reason), (r) -> new AtomicInteger())
				.incrementAndGet();
		}
	}

	/** The suite a test belongs to, from its class. */
	static String suite(TestIdentifier test) {
		String type = test.getSource()
			.map((source) -> (source instanceof ClassSource c) ? c.getClassName()
					: (source instanceof MethodSource m) ? m.getClassName() : "")
			.orElse("");
		if (type.contains(".browser.")) {
			return "browser suite";
		}
		if (type.endsWith("PostgresTest") || type.endsWith("PostgresTest$")) {
			return "PostgreSQL suite";
		}
		return "other tests";
	}

	private static String hint(String suite, String reason) {
		return switch (suite) {
			case "browser suite" -> reason + "; install them (apt-get install chromium chromium-driver) or name them "
					+ "with -Dbrowser.chromium=PATH -Dbrowser.chromedriver=PATH";
			case "PostgreSQL suite" -> reason + " (set DASHBOARD_TEST_POSTGRES_URL, _USER and _PASSWORD to a "
					+ "database the tests may empty; .ci/run starts a private one)";
			case "tests on real result files" -> "the research's result files are not beside the project (" + reason
					+ "; .ci/run runs where ../shared/fixtures is)";
			default -> reason;
		};
	}

}
