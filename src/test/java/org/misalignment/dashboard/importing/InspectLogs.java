package org.misalignment.dashboard.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.github.luben.zstd.Zstd;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes small Inspect logs for tests, in both of Inspect's formats: {@code .json} (one
 * document) and {@code .eval} (a ZIP, deflated as older Inspect wrote it, or Zstandard,
 * ZIP method 93, as it writes it now).
 */
final class InspectLogs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InspectLogs() {
	}

	/** A JSON object from name, value pairs, in their order. */
	static Map<String, Object> object(Object... pairs) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			object.put((String) pairs[i], pairs[i + 1]);
		}
		return object;
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	static Map<String, Object> eval(String model) {
		return object("task", "em_free_form", "model", model, "eval_id", "abc123", "run_id", "run1");
	}

	/** A sample with a string input and a string answer, scored by {@code scores}. */
	static Map<String, Object> sample(Object id, int epoch, String input, String answer, Map<String, Object> scores) {
		return object("id", id, "epoch", epoch, "input", input, "target", "", "messages", List.of(), "output",
				output("openai/gpt-4o", answer), "scores", scores, "metadata", object(), "events",
				List.of(object("event", "model", "input", List.of("lots of text we never need"))));
	}

	static Map<String, Object> output(String model, Object content) {
		return object("model", model, "choices",
				List.of(object("message", object("role", "assistant", "content", content), "stop_reason", "stop")),
				"completion", (content instanceof String text) ? text : "");
	}

	static Map<String, Object> score(Object value) {
		Map<String, Object> score = new LinkedHashMap<>();
		score.put("value", value);
		score.put("explanation", "because");
		return score;
	}

	static Map<String, Object> header(String status, String model) {
		return object("version", 2, "status", status, "eval", eval(model), "plan", object(), "results",
				object("total_samples", 99));
	}

	/** A {@code .json} log; {@code NaN} in the text is written bare, as Inspect does. */
	static Path jsonLog(Path file, Map<String, Object> header, List<Map<String, Object>> samples) throws IOException {
		Map<String, Object> log = new LinkedHashMap<>(header);
		log.put("samples", samples);
		return Files.writeString(file,
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(log).replace("\"__NaN__\"", "NaN"));
	}

	/** The entries of an {@code .eval} log: header (unless null), then one per sample. */
	static Map<String, byte[]> entries(Map<String, Object> header, List<Map<String, Object>> samples) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		Map<String, Object> start = new LinkedHashMap<>((header != null) ? header : header("started", "openai/gpt-4o"));
		entries.put("_journal/start.json", bytes(start));
		for (Map<String, Object> sample : samples) {
			entries.put("samples/" + sample.get("id") + "_epoch_" + sample.get("epoch") + ".json", bytes(sample));
		}
		if (header != null) {
			entries.put("header.json", bytes(header));
		}
		return entries;
	}

	/**
	 * The entries of a log format version 3 chunked sample, under
	 * {@code samples/<id>_epoch_<n>/}: its shell, its metadata (unless empty), the
	 * message pool and the attachments in chunks of two items, and events, calls and
	 * sidecars no answer needs.
	 */
	static Map<String, byte[]> chunked(Map<String, Object> shell, Map<String, Object> metadata, List<?> messages,
			List<String> attachments) {
		String folder = "samples/" + shell.get("id") + "_epoch_" + shell.get("epoch") + "/";
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put(folder + "sample.json", bytes(shell));
		if (!metadata.isEmpty()) {
			entries.put(folder + "metadata.json", bytes(metadata));
		}
		entries.put(folder + "skeleton.json", bytes(object("spans", List.of())));
		for (int start = 0; start < messages.size(); start += 2) {
			entries.put(folder + "messages/" + start + ".json",
					bytes(messages.subList(start, Math.min(start + 2, messages.size()))));
		}
		entries.put(folder + "events/0.json", bytes(List.of(object("event", "model", "input_refs", List.of()))));
		entries.put(folder + "events/stats.json", bytes(object("chunks", List.of())));
		entries.put(folder + "calls/0.json", bytes(List.of(object("role", "user", "content", "wire"))));
		for (int start = 0; start < attachments.size(); start += 2) {
			entries.put(folder + "attachments/" + start + ".json",
					bytes(attachments.subList(start, Math.min(start + 2, attachments.size()))));
		}
		return entries;
	}

	static byte[] bytes(Object value) {
		return json(value).getBytes(StandardCharsets.UTF_8);
	}

	/** An {@code .eval} log with deflated entries, written with {@code java.util.zip}. */
	static Path deflated(Path file, Map<String, byte[]> entries) throws IOException {
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		return file;
	}

	/**
	 * An {@code .eval} log with Zstandard entries (ZIP method 93), as Inspect writes now.
	 */
	static Path zstd(Path file, Map<String, byte[]> entries) throws IOException {
		try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				byte[] data = entry.getValue();
				byte[] compressed = Zstd.compress(data);
				ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
				zipEntry.setMethod(93);
				zipEntry.setSize(data.length);
				zipEntry.setCompressedSize(compressed.length);
				CRC32 crc = new CRC32();
				crc.update(data);
				zipEntry.setCrc(crc.getValue());
				zip.addRawArchiveEntry(zipEntry, new java.io.ByteArrayInputStream(compressed));
			}
		}
		return file;
	}

	/** The first {@code keep} bytes of a file, as a download cut short leaves it. */
	static Path truncated(Path file, Path into, int keep) throws IOException {
		byte[] all = Files.readAllBytes(file);
		ByteArrayOutputStream part = new ByteArrayOutputStream();
		part.write(all, 0, Math.min(keep, all.length));
		return Files.write(into, part.toByteArray());
	}

}
