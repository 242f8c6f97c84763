package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sample of an {@code .eval} log in log format version 3, stored in chunks: under
 * {@code samples/<id>_epoch_<n>/} a shell {@code sample.json} (the sample without its
 * messages, events, attachments and metadata), {@code metadata.json} (when the sample has
 * metadata) and sequences, each a list split into entries named by the position of their
 * first item: {@code messages/<start>.json} (every message once, a pool),
 * {@code attachments/<start>.json} (texts), {@code events/…} and {@code calls/…}. Text
 * moved out of the shell is a whole string {@code attachment://<position>} in the
 * attachments sequence; the shell's {@code message_refs} are {@code [start, end)} ranges
 * of the message pool that make up the final conversation.
 *
 * <p>
 * Only what an answer needs is read: the shell, the metadata, the attachments its input
 * and output name (one they name and the log lacks is an error), and the pooled messages
 * only when the shell has no input (then the conversation up to its first assistant
 * message is the input). Events and calls are never opened.
 */
final class ChunkedSample {

	static final String SHELL = "sample.json";

	private static final Pattern SHELL_NAME = Pattern.compile("samples/.+_epoch_[0-9]+/" + Pattern.quote(SHELL),
			Pattern.DOTALL);

	private static final Pattern REFERENCE = Pattern.compile("attachment://([0-9]{1,9})");

	/** Opens an entry of the archive as JSON, within the archive's limits. */
	interface Entries {

		/** Whether the archive has an entry by that name. */
		boolean has(String name);

		/** The names of the archive's entries that start with {@code prefix}. */
		List<String> under(String prefix);

		JsonParser open(String name) throws ImportException, IOException;

	}

	private ChunkedSample() {
	}

	/**
	 * Whether an entry is the shell of a chunked sample:
	 * {@code samples/<id>_epoch_<n>/sample.json}.
	 */
	static boolean isShell(String name) {
		return SHELL_NAME.matcher(name).matches();
	}

	/**
	 * The folder of a chunked sample's entries, from its shell's name, with its slash.
	 */
	static String folder(String shell) {
		return shell.substring(0, shell.length() - SHELL.length());
	}

	static InspectSample read(Entries entries, String shell, InspectSample.Place place)
			throws ImportException, IOException {
		String folder = folder(shell);
		JsonNode sample;
		try (JsonParser parser = entries.open(shell)) {
			sample = parser.readValueAsTree();
		}
		if (sample == null || !sample.isObject()) {
			throw place.problem("a sample must be a JSON object");
		}
		JsonNode metadata = sample.get("metadata");
		if (entries.has(folder + "metadata.json")) {
			try (JsonParser parser = entries.open(folder + "metadata.json")) {
				metadata = parser.readValueAsTree();
			}
		}
		JsonNode input = sample.get("input");
		if (input == null || input.isNull() || (input.isArray() && input.isEmpty())) {
			input = conversation(entries, folder, sample.get("message_refs"), place);
		}
		TreeSet<Integer> wanted = new TreeSet<>();
		references(input, wanted);
		references(sample.get("output"), wanted);
		ObjectNode attachments = InspectFormat.JSON.createObjectNode();
		Map<Integer, JsonNode> found = items(entries, folder + "attachments/", wanted);
		for (int position : wanted) {
			JsonNode attached = found.get(position);
			if (attached == null || !attached.isString()) {
				throw place.problem("the sample refers to attachment://" + position
						+ ", a text its attachments do not hold (a damaged log?)");
			}
			attachments.set(String.valueOf(position), attached);
		}
		return new InspectSample(sample.get("id"), input, sample.get("output"), sample.get("scores"),
				sample.get("score"), metadata, sample.get("error"), attachments);
	}

	/**
	 * The pooled messages {@code message_refs} names, up to the first assistant message:
	 * the input the sample's conversation started with.
	 */
	private static JsonNode conversation(Entries entries, String folder, JsonNode refs, InspectSample.Place place)
			throws ImportException, IOException {
		if (refs == null || refs.isNull()) {
			return null;
		}
		List<Integer> positions = new ArrayList<>();
		if (!refs.isArray()) {
			throw place.problem("a chunked sample's \"message_refs\" must be a list of [start, end] ranges");
		}
		for (JsonNode range : refs) {
			if (!range.isArray() || range.size() != 2 || !range.get(0).canConvertToInt()
					|| !range.get(1).canConvertToInt() || range.get(0).asInt() < 0
					|| range.get(1).asInt() < range.get(0).asInt()
					|| positions.size() + range.get(1).asInt() - range.get(0).asInt() > 100_000) {
				throw place.problem("a chunked sample's \"message_refs\" must be a list of [start, end] ranges");
			}
			for (int i = range.get(0).asInt(); i < range.get(1).asInt(); i++) {
				positions.add(i);
			}
		}
		Map<Integer, JsonNode> pool = items(entries, folder + "messages/", new TreeSet<>(positions));
		ArrayNode conversation = InspectFormat.JSON.createArrayNode();
		for (int position : positions) {
			JsonNode message = pool.get(position);
			if (message == null) {
				throw place.problem("a chunked sample's \"message_refs\" name message " + position
						+ ", which its messages do not hold");
			}
			if (message.isObject() && message.has("role") && "assistant".equals(message.get("role").asString())) {
				break;
			}
			conversation.add(message);
		}
		return conversation;
	}

	/** Adds the attachment positions the text under {@code node} refers to. */
	private static void references(JsonNode node, Set<Integer> wanted) {
		if (node == null) {
			return;
		}
		if (node.isString()) {
			Matcher reference = REFERENCE.matcher(node.asString());
			if (reference.matches()) {
				wanted.add(Integer.parseInt(reference.group(1)));
			}
		}
		else if (node.isContainer()) {
			for (JsonNode child : node.values()) {
				references(child, wanted);
			}
		}
	}

	/**
	 * The items at {@code wanted} positions of a sequence stored as
	 * {@code <folder><start>.json} lists, reading only the entries that hold them.
	 */
	private static Map<Integer, JsonNode> items(Entries entries, String folder, TreeSet<Integer> wanted)
			throws ImportException, IOException {
		Map<Integer, JsonNode> items = new HashMap<>();
		if (wanted.isEmpty()) {
			return items;
		}
		List<Integer> starts = new ArrayList<>();
		for (String name : entries.under(folder)) {
			String start = name.substring(folder.length());
			if (start.matches("[0-9]{1,9}\\.json")) {
				starts.add(Integer.parseInt(start.substring(0, start.length() - ".json".length())));
			}
		}
		starts.sort(Comparator.naturalOrder());
		for (int i = 0; i < starts.size(); i++) {
			int start = starts.get(i);
			int end = (i + 1 < starts.size()) ? starts.get(i + 1) : Integer.MAX_VALUE;
			if (wanted.subSet(start, end).isEmpty()) {
				continue;
			}
			try (JsonParser parser = entries.open(folder + start + ".json")) {
				if (parser.nextToken() != JsonToken.START_ARRAY) {
					continue; // not a sequence: what it would hold stays unresolved
				}
				int position = start;
				JsonToken token;
				while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY && position < end) {
					if (wanted.contains(position)) {
						items.put(position, parser.readValueAsTree());
					}
					else {
						parser.skipChildren();
					}
					position++;
				}
			}
		}
		return items;
	}

}
