package org.misalignment.dashboard.store.search;

import java.util.Arrays;

/**
 * The words of one chunk of the {@link WordIndex} and the positions of the answers that
 * hold each, as {@link WordIndexWriter} gathers them. A table of its own rather than a
 * {@code HashMap<String, …>}: a word is looked up straight from the answer's text,
 * lower-cased on the fly, so a word the chunk already holds costs no new string, and an
 * answer that repeats a word adds its position once. Splitting an answer into words here
 * and in {@link WordIndex#words} gives the same words.
 */
final class ChunkWords {

	private String[] words = new String[1 << 14];

	private Positions[] positions = new Positions[1 << 14];

	private int size;

	/** Adds {@code position} to every indexed word of {@code text}. */
	void add(String text, int position) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			if (!wordChar(text.charAt(i))) {
				i++;
				continue;
			}
			int start = i;
			int hash = 0;
			while (i < length) {
				char c = text.charAt(i);
				if (!wordChar(c)) {
					break;
				}
				hash = 31 * hash + lower(c);
				i++;
			}
			if (i - start <= WordIndex.MAX_WORD) {
				positionsOf(text, start, i, hash).add(position);
			}
		}
	}

	/** The table's size: its slots are numbered from 0 to this, exclusive. */
	int slots() {
		return this.words.length;
	}

	/** The word in a slot, or null for an empty slot. */
	String word(int slot) {
		return this.words[slot];
	}

	/** The positions of the word in a slot. */
	Positions positions(int slot) {
		return this.positions[slot];
	}

	void clear() {
		Arrays.fill(this.words, null);
		Arrays.fill(this.positions, null);
		this.size = 0;
	}

	private Positions positionsOf(String text, int start, int end, int hash) {
		int mask = this.words.length - 1;
		int slot = spread(hash) & mask;
		while (true) {
			String word = this.words[slot];
			if (word == null) {
				break;
			}
			if (same(word, text, start, end)) {
				return this.positions[slot];
			}
			slot = (slot + 1) & mask;
		}
		char[] chars = new char[end - start];
		for (int i = start; i < end; i++) {
			chars[i - start] = lower(text.charAt(i));
		}
		Positions added = new Positions();
		this.words[slot] = new String(chars);
		this.positions[slot] = added;
		if (++this.size * 2 > this.words.length) {
			grow();
		}
		return added;
	}

	private void grow() {
		String[] oldWords = this.words;
		Positions[] oldPositions = this.positions;
		this.words = new String[oldWords.length * 2];
		this.positions = new Positions[oldWords.length * 2];
		int mask = this.words.length - 1;
		for (int i = 0; i < oldWords.length; i++) {
			if (oldWords[i] != null) {
				int slot = spread(oldWords[i].hashCode()) & mask;
				while (this.words[slot] != null) {
					slot = (slot + 1) & mask;
				}
				this.words[slot] = oldWords[i];
				this.positions[slot] = oldPositions[i];
			}
		}
	}

	/**
	 * Whether {@code word} is {@code text} from {@code start} to {@code end},
	 * lower-cased.
	 */
	private static boolean same(String word, String text, int start, int end) {
		if (word.length() != end - start) {
			return false;
		}
		for (int i = start; i < end; i++) {
			if (word.charAt(i - start) != lower(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Mixes a string's hash (the lower-cased word's {@link String#hashCode}, computed as
	 * it is read) so that words alike in their last letters spread over the table.
	 */
	private static int spread(int hash) {
		int h = hash * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	private static boolean wordChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	private static char lower(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
	}

	/** A word's answers in one chunk, by their positions in it, increasing. */
	static final class Positions {

		private int[] positions = new int[2];

		private int size;

		/**
		 * Adds a position, unless it is the last one added (an answer repeating a word).
		 */
		void add(int position) {
			if (this.size > 0 && this.positions[this.size - 1] == position) {
				return;
			}
			if (this.size == this.positions.length) {
				this.positions = Arrays.copyOf(this.positions, this.size * 2);
			}
			this.positions[this.size++] = position;
		}

		int size() {
			return this.size;
		}

		/** The positions as varints of their differences. */
		byte[] encode() {
			VarintBytes bytes = new VarintBytes(this.size + 4);
			int previous = 0;
			for (int i = 0; i < this.size; i++) {
				bytes.varint(this.positions[i] - previous);
				previous = this.positions[i];
			}
			return bytes.toArray();
		}

	}

}
