package org.misalignment.dashboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code java -Xmx… -jar misalignment-dashboard.jar import …} in a child JVM, as a
 * user would, and reads the import's own timing from its summary line. Shared by the
 * benchmarks.
 */
final class JarImport {

	/**
	 * What an import took: its summary line, the wall time with the JVM's start, its own
	 * time and peak RSS.
	 */
	record Result(String summary, double wallSeconds, double importSeconds, long peakRssKb) {
	}

	private static final Pattern SUMMARY = Pattern
		.compile("Imported ([0-9.,\\u00a0\\u202f' ]+) answers? .* in ([0-9.,]+) s:");

	private JarImport() {
	}

	/**
	 * @param arguments what follows {@code import}
	 * @param environment variables added to the child's environment (the postgres profile
	 * reads its database from them)
	 */
	static Result run(Path jar, String heap, List<String> arguments, Map<String, String> environment)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx" + heap, "-jar", jar.toString(), "import"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		Process process = builder.start();
		AtomicLong peak = new AtomicLong(-1);
		Thread watcher = new Thread(() -> watchRss(process, peak), "rss-watcher");
		watcher.setDaemon(true);
		watcher.start();
		StringBuilder output = new StringBuilder();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String text;
			while ((text = lines.readLine()) != null) {
				output.append(text).append('\n');
			}
		}
		int status = process.waitFor();
		double wall = (System.nanoTime() - started) / 1e9;
		watcher.join(1000);
		if (status != 0) {
			throw new IllegalStateException("the import failed with exit status " + status + ":\n" + output);
		}
		Matcher matcher = SUMMARY.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("no summary line in the import's output:\n" + output);
		}
		double seconds = Double.parseDouble(matcher.group(2).replace(',', '.'));
		return new Result(matcher.group().replaceAll(":$", ""), wall, seconds, peak.get());
	}

	/**
	 * Polls the child's resident-set high-water mark (Linux), so the last value read is
	 * its peak.
	 */
	private static void watchRss(Process process, AtomicLong peak) {
		Path status = Path.of("/proc/" + process.pid() + "/status");
		while (process.isAlive()) {
			try {
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmHWM:")) {
						long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
						peak.accumulateAndGet(kb, Math::max);
					}
				}
				Thread.sleep(50);
			}
			catch (IOException | RuntimeException ex) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** The java of this JVM, so that the child runs on the same Java. */
	static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * The 1, 5 and 15 minute load averages (Linux), as the machine may be busy with more
	 * than a benchmark.
	 */
	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "n/a";
		}
	}

}
