package org.misalignment.dashboard.store.imports;

import java.nio.file.Path;
import java.util.Locale;

/**
 * An import refused before it began: the disk of the database has not the room it would
 * take.
 */
public class NotEnoughSpaceException extends RuntimeException {

	NotEnoughSpaceException(Path folder, long bytes, long needed, long free, boolean existing) {
		super(String.format(Locale.ROOT,
				"not enough free disk space for this import: %s of files %s needs about %s free in %s "
						+ "while it runs (%s), and %s are free. Free some space, or import fewer files at a time.",
				size(bytes), existing ? "added to an existing dataset" : "in a new dataset", size(needed), folder,
				existing ? "one transaction, which H2 cannot compact until it ends"
						: "answers, indexes and the word index",
				size(free)));
	}

	/** Bytes as a short figure: 2.0 TB, 1.4 GB, 512 MB, 12 KB. */
	static String size(long bytes) {
		if (bytes >= 1L << 40) {
			return String.format(Locale.ROOT, "%.1f TB", bytes / (double) (1L << 40));
		}
		if (bytes >= 1L << 30) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
		}
		if (bytes >= 1L << 20) {
			return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
		}
		return String.format(Locale.ROOT, "%.0f KB", Math.max(1, bytes / 1024.0));
	}

}
