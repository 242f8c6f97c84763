package org.misalignment.dashboard.importing;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The import command's progress: one line on a terminal, rewritten in place. While a file
 * downloads: bytes, bytes/s, percent and time left; while the import reads: answers,
 * answers/s, percent and time left. Notes go on lines of their own, terminal or not.
 */
final class ProgressLine implements ImportProgress {

	private final PrintStream out;

	private final boolean terminal;

	private final long started = System.nanoTime();

	private long lastPrinted;

	private boolean printed;

	private String downloadUrl;

	private long downloadStarted;

	ProgressLine(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	@Override
	public void update(long bytesRead, long bytesTotal, long answers) {
		long now = System.nanoTime();
		if (due(now)) {
			print(describe(bytesRead, bytesTotal, answers, (now - this.started) / 1e9));
		}
	}

	@Override
	public void downloading(String url, long bytesRead, long bytesTotal) {
		long now = System.nanoTime();
		if (!url.equals(this.downloadUrl)) {
			this.downloadUrl = url;
			this.downloadStarted = now;
		}
		if (due(now)) {
			String name = url.substring(url.lastIndexOf('/') + 1);
			print(describeDownload(name, bytesRead, bytesTotal, (now - this.downloadStarted) / 1e9));
		}
	}

	@Override
	public void note(String line) {
		if (this.printed) {
			this.out.println();
			this.printed = false;
		}
		this.out.println(line);
		this.out.flush();
	}

	private boolean due(long now) {
		if (!this.terminal || now - this.lastPrinted < 200_000_000L) {
			return false;
		}
		this.lastPrinted = now;
		return true;
	}

	private void print(String line) {
		this.out.print("\r" + line + "   ");
		this.out.flush();
		this.printed = true;
	}

	static String describe(long bytesRead, long bytesTotal, long answers, double seconds) {
		double perSecond = (seconds > 0) ? answers / seconds : 0;
		StringBuilder line = new StringBuilder(
				String.format("Importing: %,d answers, %,.0f answers/s", answers, perSecond));
		appendShare(line, bytesRead, bytesTotal, seconds);
		return line.toString();
	}

	static String describeDownload(String name, long bytesRead, long bytesTotal, double seconds) {
		double perSecond = (seconds > 0) ? bytesRead / seconds : 0;
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Downloading %s: %s, %s/s", name,
				bytes(bytesRead), bytes((long) perSecond)));
		appendShare(line, bytesRead, bytesTotal, seconds);
		return line.toString();
	}

	/** A number of bytes for people: {@code 10.1 MB}. */
	static String bytes(long bytes) {
		if (bytes < 1000) {
			return bytes + " bytes";
		}
		String[] units = { "kB", "MB", "GB", "TB" };
		double value = bytes / 1000.0;
		int unit = 0;
		while (value >= 1000 && unit < units.length - 1) {
			value /= 1000;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	/** The percent done and, once it can be guessed, the time left. */
	private static void appendShare(StringBuilder line, long done, long total, double seconds) {
		if (total > 0) {
			double fraction = Math.min(1.0, (double) done / total);
			line.append(String.format(", %.0f%%", fraction * 100));
			if (fraction > 0.01 && fraction < 1) {
				line.append(String.format(", about %.0f s left", seconds * (1 - fraction) / fraction));
			}
		}
	}

	void done() {
		if (this.printed) {
			this.out.println();
		}
	}

}
