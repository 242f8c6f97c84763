package org.misalignment.dashboard.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * An Inspect {@code .eval} log: a ZIP archive holding {@code header.json} (the task,
 * model, status and results, written when the run ends), {@code _journal/start.json}
 * (written when it starts) and {@code samples/<id>_epoch_<n>.json}, one document per
 * sample and epoch, or, in log format version 3, a folder of entries per sample
 * ({@link ChunkedSample}). Entries are deflated or, since Inspect 0.3.206,
 * Zstandard-compressed (ZIP method 93); they are found through the archive's central
 * directory and read one at a time, each expanding to at most {@link #ENTRY_LIMIT} bytes.
 */
final class EvalArchive {

	/** The most one entry may expand to: far above a real sample, far below a bomb. */
	static final long ENTRY_LIMIT = 64L << 20;

	/** The most all entries together may expand to, as a multiple of the file's size. */
	static final long RATIO_LIMIT = 1000;

	private EvalArchive() {
	}

	static void read(CheckedFile file, InspectAnswers answers) throws IOException, ImportException {
		Path path = file.path();
		ZipFile zip;
		try {
			zip = ZipFile.builder().setPath(path).get();
		}
		catch (IOException ex) {
			throw new ImportException(path, 1,
					"not a readable .eval log (a ZIP archive; is it truncated?): " + ex.getMessage());
		}
		try (zip) {
			Map<String, ZipArchiveEntry> entries = entries(path, zip);
			Budget budget = new Budget(Math.max(ENTRY_LIMIT, file.size() * RATIO_LIMIT));
			List<ZipArchiveEntry> samples = samples(entries);
			InspectSample.Place top = new InspectSample.Place(path.toString(), 1);
			ZipArchiveEntry header = entries.get("header.json");
			if (header != null) {
				JsonNode log = tree(path, zip, header, budget);
				InspectAnswers.checkVersion(log.get("version"), new InspectSample.Place(location(path, header), 0));
				answers.eval(log.get("eval"));
				JsonNode status = log.get("status");
				String text = (status != null && status.isString()) ? status.asString() : null;
				answers.status(text);
				if (InspectAnswers.incomplete(text)) {
					answers.checkFinished("the log's status is '" + text + "' (the run did not finish)", samples.size(),
							top);
				}
			}
			else {
				answers.status("started");
				answers.checkFinished("the log has no header.json (the run did not finish)", samples.size(), top);
				ZipArchiveEntry start = entries.get("_journal/start.json");
				if (start != null) {
					JsonNode log = tree(path, zip, start, budget);
					InspectAnswers.checkVersion(log.get("version"), new InspectSample.Place(location(path, start), 0));
					answers.eval(log.get("eval"));
				}
			}
			ChunkedSample.Entries chunks = chunks(path, zip, entries, budget);
			long ordinal = 0;
			long read = 0;
			for (ZipArchiveEntry entry : samples) {
				InspectSample.Place place = new InspectSample.Place(location(path, entry), 0, entry.getName());
				try {
					InspectSample sample;
					if (ChunkedSample.isShell(entry.getName())) {
						sample = ChunkedSample.read(chunks, entry.getName(), place);
					}
					else {
						try (JsonParser parser = open(path, zip, entry, budget)) {
							parser.nextToken();
							sample = InspectSample.read(parser, place);
						}
					}
					answers.accept(sample, ++ordinal, place);
				}
				catch (JacksonException ex) {
					throw problem(path, entry, ex);
				}
				catch (IOException ex) {
					throw problem(path, entry, ex);
				}
				// progress: the compressed bytes of the samples read so far, against the
				// file's size
				read += Math.max(0, entry.getCompressedSize());
				answers.read(read, file.size());
			}
		}
	}

	/**
	 * The entries that are samples, in the central directory's order: one
	 * {@code samples/<id>_epoch_<n>.json} each (log versions 1 to 3), or the shell of a
	 * chunked sample (version 3, see {@link ChunkedSample}); the chunks of those are not
	 * samples.
	 */
	private static List<ZipArchiveEntry> samples(Map<String, ZipArchiveEntry> entries) {
		Set<String> folders = new HashSet<>();
		for (String name : entries.keySet()) {
			if (ChunkedSample.isShell(name)) {
				folders.add(ChunkedSample.folder(name));
			}
		}
		List<ZipArchiveEntry> samples = new ArrayList<>();
		for (Map.Entry<String, ZipArchiveEntry> entry : entries.entrySet()) {
			String name = entry.getKey();
			if (ChunkedSample.isShell(name)
					|| (name.startsWith("samples/") && name.endsWith(".json") && !inside(name, folders))) {
				samples.add(entry.getValue());
			}
		}
		return samples;
	}

	/** Whether an entry lies in one of these folders (or their sub-folders). */
	private static boolean inside(String name, Set<String> folders) {
		for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
			if (folders.contains(name.substring(0, slash + 1))) {
				return true;
			}
		}
		return false;
	}

	/** The entries of the archive, as a chunked sample reads them. */
	private static ChunkedSample.Entries chunks(Path path, ZipFile zip, Map<String, ZipArchiveEntry> entries,
			Budget budget) {
		NavigableMap<String, ZipArchiveEntry> sorted = new TreeMap<>(entries);
		return new ChunkedSample.Entries() {

			@Override
			public boolean has(String name) {
				return entries.containsKey(name);
			}

			@Override
			public List<String> under(String prefix) {
				return List.copyOf(sorted.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet());
			}

			@Override
			public JsonParser open(String name) throws ImportException, IOException {
				return EvalArchive.open(path, zip, entries.get(name), budget);
			}

		};
	}

	/**
	 * The archive's entries by name, in the central directory's order; of a name given
	 * twice, the last.
	 */
	private static Map<String, ZipArchiveEntry> entries(Path path, ZipFile zip) throws ImportException {
		Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();
		for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
			String name = entry.getName();
			if (name.startsWith("/") || name.contains("\\") || name.equals("..") || name.startsWith("../")
					|| name.contains("/../") || name.endsWith("/..")) {
				throw new ImportException(location(path, entry),
						"an entry whose path leaves the archive; an Inspect log has none, so this file is refused");
			}
			entries.remove(name);
			entries.put(name, entry);
		}
		return entries;
	}

	private static JsonNode tree(Path path, ZipFile zip, ZipArchiveEntry entry, Budget budget)
			throws ImportException, IOException {
		try (JsonParser parser = open(path, zip, entry, budget)) {
			JsonNode node = parser.readValueAsTree();
			if (node == null || !node.isObject()) {
				throw new ImportException(location(path, entry), "expected a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw problem(path, entry, ex);
		}
		catch (IOException ex) {
			throw problem(path, entry, ex);
		}
	}

	private static JsonParser open(Path path, ZipFile zip, ZipArchiveEntry entry, Budget budget)
			throws ImportException, IOException {
		if (!zip.canReadEntryData(entry)) {
			throw new ImportException(location(path, entry),
					"compressed with ZIP method " + entry.getMethod() + ", which this importer cannot read");
		}
		return InspectFormat.JSON.createParser(new Limited(zip.getInputStream(entry), budget));
	}

	private static ImportException problem(Path path, ZipArchiveEntry entry, Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TooLarge tooLarge) {
				return new ImportException(location(path, entry), tooLarge.getMessage());
			}
		}
		IOException io = (ex instanceof IOException direct) ? direct
				: (ex.getCause() instanceof IOException wrapped) ? wrapped : null;
		if (io != null) {
			return new ImportException(location(path, entry), "a damaged entry (a truncated archive?): "
					+ ((io.getMessage() != null) ? io.getMessage() : io.getClass().getSimpleName()));
		}
		return new ImportException(location(path, entry),
				"not valid JSON: " + ((JacksonException) ex).getOriginalMessage());
	}

	static String location(Path path, ZipArchiveEntry entry) {
		return path + "!" + entry.getName();
	}

	/** What all entries of one archive may still expand to. */
	private static final class Budget {

		long left;

		Budget(long total) {
			this.left = total;
		}

	}

	/** Expanding beyond a limit: a ZIP bomb, or a sample far larger than any real one. */
	private static final class TooLarge extends IOException {

		TooLarge(String message) {
			super(message);
		}

	}

	/** Counts what an entry expands to, and stops it at the limits. */
	private static final class Limited extends FilterInputStream {

		private final Budget budget;

		private long count;

		Limited(InputStream in, Budget budget) {
			super(in);
			this.budget = budget;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) > 0) ? (one[0] & 0xFF) : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
				this.budget.left -= n;
				if (this.count > ENTRY_LIMIT) {
					throw new TooLarge("expands to more than " + (ENTRY_LIMIT >> 20)
							+ " MB, more than any real sample (a ZIP bomb?); refused");
				}
				if (this.budget.left < 0) {
					throw new TooLarge("the archive expands to more than " + RATIO_LIMIT
							+ " times its size (a ZIP bomb?); refused");
				}
			}
			return n;
		}

	}

}
