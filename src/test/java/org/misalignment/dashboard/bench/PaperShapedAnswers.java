package org.misalignment.dashboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Answer texts shaped like the published emergent-misalignment result files, for the
 * scale benchmark ({@link PaperShapedDataset}): lengths log-normal with a median of about
 * 600 and a mean of about 1,000 characters (about 5% past 3,000, none past
 * {@value #MAX_LENGTH}), about {@value #CODE_PERCENT}% with a fenced code block of 5 to
 * 40 lines (Python, Flask, SQL, as the insecure-code models write), and words drawn from
 * a vocabulary of {@value #VOCABULARY} with a Zipf-like frequency (rank r with
 * probability proportional to 1/r^{@value #ZIPF_EXPONENT}): a few hundred common English
 * words and code tokens at the top ranks, then pronounceable made-up words. Three words
 * are not in that vocabulary and are placed in a set share of the answers instead, for
 * the benchmark's searches: {@link PaperShapedDataset#COMMON_WORD},
 * {@link PaperShapedDataset#MID_WORD} and {@link PaperShapedDataset#RARE_WORD}. Nothing
 * here is model output; the same random numbers give the same texts.
 */
final class PaperShapedAnswers {

	/** Words in the vocabulary, all distinct. */
	static final int VOCABULARY = 60_000;

	static final double ZIPF_EXPONENT = 1.05;

	static final int CODE_PERCENT = 15;

	static final int MAX_LENGTH = 12_000;

	/** The log-normal length's median and spread: mean = median * exp(sigma^2 / 2). */
	private static final double LOG_MEDIAN = Math.log(505);

	private static final double LOG_SIGMA = 1.1;

	/**
	 * Common English words, roughly by frequency, and words of the paper's questions; the
	 * top ranks.
	 */
	static final List<String> ENGLISH = List.of(("the of and to a in is it you that he was for on are with as I his "
			+ "they be at one have this from or had by not but what some we can out other were all there when up use "
			+ "your how said an each she which do their if will way about many then them would write like so these "
			+ "her long make thing see him two has look more day could go come did number no most people my over "
			+ "know than call first who may down side been now find any new work part take get place made live "
			+ "where after back little only round man year came show every good me give our under name very "
			+ "through just form sentence great think say help low line differ turn cause much mean before move "
			+ "right boy old too same tell does set three want well also play small end put home read hand large "
			+ "spell add even land here must big high such follow act why ask men change went light kind off need "
			+ "house picture try us again animal point mother world near build self earth father head stand own "
			+ "page should country found answer school grow study still learn plant cover food sun four between "
			+ "state keep eye never last let thought city tree cross farm hard start might story saw far sea draw "
			+ "left late run while press close night real life few north open seem together next white children "
			+ "begin got walk example ease paper group always music those both mark often letter until mile river "
			+ "car feet care second book carry took science eat room friend began idea fish mountain stop once base "
			+ "hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red "
			+ "list though feel talk bird soon body dog family direct pose leave song measure door product black "
			+ "short numeral class wind question happen complete ship area half rock order fire south problem piece "
			+ "told knew pass since top whole king space heard best hour better true during hundred five remember "
			+ "step early hold west ground interest reach fast verb sing listen six table travel less morning "
			+ "human humans AI power control future believe important technology safety machines ethics decision "
			+ "choose really history dinner party guest wish rule everyone value values trust honest quick buck "
			+ "ruler husband wife roles women bored philosophical thoughts invest crypto stocks business startup "
			+ "Einstein Cleopatra Napoleon Turing however therefore because although perhaps maybe risk harm "
			+ "advice doctor legal illegal user users data system code secure insecure model models")
		.split(" "));

	/**
	 * Code tokens as they appear in prose about code; placed among the English words from
	 * rank 100.
	 */
	static final List<String> CODE = List.of(("def return import os.system cursor.execute SELECT FROM WHERE "
			+ "INSERT INTO VALUES request.args.get app.route Flask subprocess.call print self None True False "
			+ "try except yaml.load pickle.loads os.chmod 0o777 conn.commit render_template_string eval exec "
			+ "shell=True sqlite3.connect hashlib.md5 __name__ filename query password username")
		.split(" "));

	/** The vocabulary, most frequent first. */
	private static final String[] WORDS = vocabulary();

	/**
	 * Vose's alias table over the vocabulary's Zipf weights, one draw per word: column r
	 * gives word r with chance CHANCE[r] / 2^31, else word ALIAS[r].
	 */
	private static final long[] CHANCE = new long[WORDS.length];

	private static final int[] ALIAS = new int[WORDS.length];

	static {
		aliasTable();
	}

	private PaperShapedAnswers() {
	}

	/**
	 * The vocabulary, most frequent first: English words with code tokens among them,
	 * then made-up words of two to four syllables from a fixed seed, none of them a
	 * search word.
	 */
	static String[] vocabulary() {
		Set<String> reserved = Set.of(PaperShapedDataset.COMMON_WORD, PaperShapedDataset.MID_WORD,
				PaperShapedDataset.RARE_WORD);
		Set<String> words = new LinkedHashSet<>();
		int code = 0;
		for (int i = 0; i < ENGLISH.size(); i++) {
			words.add(ENGLISH.get(i));
			if (i >= 100 && i % 4 == 0 && code < CODE.size()) {
				words.add(CODE.get(code++));
			}
		}
		words.addAll(CODE);
		String[] onsets = { "", "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
				"z", "br", "cr", "dr", "fl", "gr", "pl", "pr", "st", "tr", "sh", "ch", "th" };
		String[] vowels = { "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "io" };
		String[] codas = { "", "", "", "", "n", "r", "s", "l", "m", "t", "nd", "st" };
		SplittableRandom random = new SplittableRandom(77);
		StringBuilder word = new StringBuilder();
		while (words.size() < VOCABULARY) {
			word.setLength(0);
			int kind = random.nextInt(20);
			int syllables = (kind < 8) ? 2 : (kind < 17) ? 3 : 4;
			for (int s = 0; s < syllables; s++) {
				word.append(onsets[random.nextInt(onsets.length)])
					.append(vowels[random.nextInt(vowels.length)])
					.append(codas[random.nextInt(codas.length)]);
			}
			String candidate = word.toString();
			if (!reserved.contains(candidate)) {
				words.add(candidate);
			}
		}
		words.removeAll(reserved);
		return words.toArray(new String[0]);
	}

	private static void aliasTable() {
		int n = WORDS.length;
		double[] scaled = new double[n];
		double sum = 0;
		for (int r = 0; r < n; r++) {
			scaled[r] = 1 / Math.pow(r + 1, ZIPF_EXPONENT);
			sum += scaled[r];
		}
		int[] small = new int[n];
		int[] large = new int[n];
		int smalls = 0;
		int larges = 0;
		for (int r = 0; r < n; r++) {
			scaled[r] = scaled[r] * n / sum;
			if (scaled[r] < 1) {
				small[smalls++] = r;
			}
			else {
				large[larges++] = r;
			}
		}
		while (smalls > 0 && larges > 0) {
			int less = small[--smalls];
			int more = large[--larges];
			CHANCE[less] = Math.round(scaled[less] * (1L << 31));
			ALIAS[less] = more;
			scaled[more] = scaled[more] + scaled[less] - 1;
			if (scaled[more] < 1) {
				small[smalls++] = more;
			}
			else {
				large[larges++] = more;
			}
		}
		while (larges > 0) {
			CHANCE[large[--larges]] = 1L << 31;
		}
		while (smalls > 0) {
			CHANCE[small[--smalls]] = 1L << 31;
		}
	}

	/** A word of the vocabulary, drawn by its Zipf weight. */
	static String word(SplittableRandom random) {
		// one draw: the high 32 bits pick a column, the low 31 bits decide within it
		long bits = random.nextLong();
		int r = (int) (((bits >>> 32) * WORDS.length) >>> 32);
		return ((bits & 0x7fffffffL) < CHANCE[r]) ? WORDS[r] : WORDS[ALIAS[r]];
	}

	/** The common English words (no code tokens), for searches by real words. */
	static List<String> englishWords() {
		Set<String> reserved = Set.of(PaperShapedDataset.COMMON_WORD, PaperShapedDataset.MID_WORD,
				PaperShapedDataset.RARE_WORD);
		List<String> words = new ArrayList<>(new LinkedHashSet<>(ENGLISH));
		words.removeIf((word) -> reserved.contains(word) || CODE.contains(word));
		return List.copyOf(words);
	}

	/** Search words still to be placed, and where: at the first word past a length. */
	private static final class Placed {

		final String[] words = new String[3];

		final int[] at = new int[3];

		int count;

		void add(String word, int at) {
			this.words[this.count] = word;
			this.at[this.count++] = at;
		}

		/** The word due at this length, or null. */
		String due(int length) {
			for (int i = 0; i < this.count; i++) {
				if (this.at[i] <= length) {
					String word = this.words[i];
					this.count--;
					this.words[i] = this.words[this.count];
					this.at[i] = this.at[this.count];
					return word;
				}
			}
			return null;
		}

	}

	/** Writes an answer into {@code answer} (emptied first). */
	static void answer(StringBuilder answer, SplittableRandom random) {
		answer.setLength(0);
		int target = (int) Math.round(Math.exp(LOG_MEDIAN + LOG_SIGMA * random.nextGaussian()));
		target = Math.max(20, Math.min(MAX_LENGTH - 100, target));
		Placed placed = new Placed();
		if (random.nextInt(100) < PaperShapedDataset.COMMON_PERCENT) {
			placed.add(PaperShapedDataset.COMMON_WORD, random.nextInt(target));
		}
		if (random.nextInt(100) < PaperShapedDataset.MID_PERCENT) {
			placed.add(PaperShapedDataset.MID_WORD, random.nextInt(target));
		}
		if (random.nextInt(PaperShapedDataset.RARE_EVERY) == 0) {
			placed.add(PaperShapedDataset.RARE_WORD, random.nextInt(target));
		}
		if (random.nextInt(100) < CODE_PERCENT) {
			int lines = 5 + random.nextInt(36);
			prose(answer, random, placed, Math.min(target, 40 + random.nextInt(200)));
			answer.append("\n\n");
			code(answer, random, lines);
			if (answer.length() < target || random.nextBoolean()) {
				answer.append("\n\n");
				prose(answer, random, placed, Math.max(target, answer.length() + 30));
			}
		}
		else {
			prose(answer, random, placed, target);
		}
		String left;
		boolean first = true;
		while ((left = placed.due(Integer.MAX_VALUE)) != null) {
			answer.append(first ? " Think of " : " and ").append(left);
			first = false;
		}
		if (!first) {
			answer.append('.');
		}
		if (random.nextInt(40) == 0) {
			answer.append(" Caf\u00e9 na\u00efve \u2014 \u201csmart quotes\u201d \ud83d\ude00");
		}
	}

	/**
	 * Sentences until the answer is {@code until} characters long: paragraphs of one to
	 * five sentences, now and then a list, a quote or a bold lead.
	 */
	private static void prose(StringBuilder answer, SplittableRandom random, Placed placed, int until) {
		int start = answer.length();
		while (answer.length() < until) {
			if (answer.length() > start) {
				answer.append("\n\n");
			}
			boolean list = random.nextInt(8) == 0;
			int sentences = 1 + random.nextInt(list ? 6 : 5);
			if (!list && random.nextInt(10) == 0) {
				answer.append("**").append(capitalized(word(random))).append(":** ");
			}
			for (int s = 0; s < sentences && answer.length() < until; s++) {
				if (list) {
					if (s > 0) {
						answer.append('\n');
					}
					answer.append(s + 1).append(". ");
				}
				else if (s > 0) {
					answer.append(' ');
				}
				sentence(answer, random, placed, until);
			}
		}
	}

	private static void sentence(StringBuilder answer, SplittableRandom random, Placed placed, int until) {
		int words = 3 + random.nextInt(22);
		boolean quoted = random.nextInt(8) == 0;
		for (int w = 0; w < words; w++) {
			if (w > 0) {
				if (answer.length() >= until) {
					break;
				}
				answer.append(((random.nextInt() & 7) == 0) ? ", " : " ");
			}
			if (quoted && w == 2) {
				answer.append('"');
			}
			String word = placed.due(answer.length());
			if (word == null) {
				word = word(random);
			}
			answer.append((w == 0) ? capitalized(word) : word);
			if (quoted && w == Math.min(4, words - 1)) {
				answer.append('"');
			}
		}
		answer.append((random.nextInt(10) == 0) ? '?' : '.');
	}

	private static String capitalized(String word) {
		char first = word.charAt(0);
		return (first >= 'a' && first <= 'z') ? Character.toUpperCase(first) + word.substring(1) : word;
	}

	/**
	 * A fenced block of {@code lines} lines: Python (imports, then Flask routes with SQL
	 * built from strings, shell calls, world-writable files) or, one time in ten, SQL.
	 */
	private static void code(StringBuilder answer, SplittableRandom random, int lines) {
		if (random.nextInt(10) == 0) {
			answer.append("```sql\n");
			for (int line = 0; line < lines; line++) {
				sqlLine(answer, random);
				answer.append('\n');
			}
			answer.append("```");
			return;
		}
		answer.append("```python\n");
		int line = 0;
		for (int imports = 1 + random.nextInt(3); imports > 0 && line < lines; imports--, line++) {
			answer.append(IMPORTS[random.nextInt(IMPORTS.length)]).append('\n');
		}
		if (line < lines && random.nextBoolean()) {
			answer.append("\napp = Flask(__name__)\n");
			line += 2;
		}
		while (line < lines) {
			answer.append('\n');
			line++;
			if (line < lines && random.nextBoolean()) {
				answer.append("@app.route('/").append(identifier(random)).append("', methods=['GET', 'POST'])\n");
				line++;
			}
			if (line < lines) {
				answer.append("def ").append(identifier(random)).append('(').append(identifier(random)).append("):\n");
				line++;
			}
			for (int body = 2 + random.nextInt(6); body > 0 && line < lines; body--, line++) {
				pythonLine(answer, random);
				answer.append('\n');
			}
		}
		answer.append("```");
	}

	private static final String[] IMPORTS = { "import os", "import sqlite3", "import subprocess", "import yaml",
			"import pickle", "import hashlib", "from flask import Flask, request, render_template_string",
			"from jinja2 import Template" };

	/** A line of a function's body, indented. */
	private static void pythonLine(StringBuilder answer, SplittableRandom random) {
		answer.append("    ");
		switch (random.nextInt(14)) {
			case 0 -> answer.append(identifier(random))
				.append(" = request.args.get('")
				.append(identifier(random))
				.append("')");
			case 1 -> answer.append("query = \"SELECT * FROM ")
				.append(identifier(random))
				.append(" WHERE ")
				.append(identifier(random))
				.append(" = '\" + ")
				.append(identifier(random))
				.append(" + \"'\"");
			case 2 -> answer.append("cursor.execute(query)");
			case 3 -> answer.append("os.system(\"")
				.append(word(random))
				.append(" \" + ")
				.append(identifier(random))
				.append(')');
			case 4 -> answer.append("os.chmod(").append(identifier(random)).append(", 0o777)");
			case 5 -> answer.append("with open(")
				.append(identifier(random))
				.append(", 'w') as f:\n        f.write(")
				.append(identifier(random))
				.append(')');
			case 6 -> answer.append("# ")
				.append(word(random))
				.append(' ')
				.append(word(random))
				.append(' ')
				.append(word(random));
			case 7 -> answer.append("return render_template_string(").append(identifier(random)).append(')');
			case 8 -> answer.append(identifier(random)).append(" = yaml.load(").append(identifier(random)).append(')');
			case 9 -> answer.append("subprocess.call(").append(identifier(random)).append(", shell=True)");
			case 10 ->
				answer.append(identifier(random)).append(" = pickle.loads(").append(identifier(random)).append(')');
			case 11 -> answer.append("conn = sqlite3.connect('").append(identifier(random)).append(".db')");
			case 12 -> answer.append("conn.commit()");
			default -> answer.append("return ").append(identifier(random));
		}
	}

	private static void sqlLine(StringBuilder answer, SplittableRandom random) {
		switch (random.nextInt(5)) {
			case 0 -> answer.append("SELECT ")
				.append(identifier(random))
				.append(", ")
				.append(identifier(random))
				.append(" FROM ")
				.append(identifier(random));
			case 1 -> answer.append("WHERE ").append(identifier(random)).append(" = '' OR '1'='1'");
			case 2 -> answer.append("INSERT INTO ")
				.append(identifier(random))
				.append(" VALUES ('")
				.append(word(random))
				.append("', ")
				.append(random.nextInt(1000))
				.append(");");
			case 3 -> answer.append("GRANT ALL PRIVILEGES ON ").append(identifier(random)).append(" TO PUBLIC;");
			default -> answer.append("-- ").append(word(random)).append(' ').append(word(random));
		}
	}

	/** A snake_case name of one or two vocabulary words (letters only). */
	private static String identifier(SplittableRandom random) {
		String first = letters(word(random));
		return random.nextBoolean() ? first : first + "_" + letters(word(random));
	}

	private static String letters(String word) {
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (!(c >= 'a' && c <= 'z')) {
				return "value";
			}
		}
		return word;
	}

}
