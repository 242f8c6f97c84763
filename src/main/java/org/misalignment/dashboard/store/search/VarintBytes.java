package org.misalignment.dashboard.store.search;

import java.util.Arrays;

/**
 * The word index's numbers as bytes: unsigned variable-length integers (7 bits a byte,
 * low bits first), written by the index as the differences between increasing ids or
 * positions, so that most take one byte. A growing byte array to write them, and the
 * decoding back into running sums.
 */
final class VarintBytes {

	private byte[] bytes;

	private int size;

	VarintBytes(int capacity) {
		this.bytes = new byte[Math.max(16, capacity)];
	}

	void varint(long value) {
		while ((value & ~0x7FL) != 0) {
			put((byte) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		put((byte) value);
	}

	private void put(byte b) {
		if (this.size == this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, this.size * 2);
		}
		this.bytes[this.size++] = b;
	}

	byte[] toArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	/**
	 * Decodes delta-encoded {@link #varint} values into running sums, starting from
	 * {@code base}.
	 */
	static long[] sums(byte[] bytes, long base) {
		long[] values = new long[bytes.length];
		int size = 0;
		long value = base;
		int at = 0;
		while (at < bytes.length) {
			long delta = 0;
			int shift = 0;
			byte b;
			do {
				b = bytes[at++];
				delta |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while (b < 0);
			value += delta;
			values[size++] = value;
		}
		return (size == values.length) ? values : Arrays.copyOf(values, size);
	}

	/**
	 * Decodes a word's postings in a chunk: the positions in it of the answers that hold
	 * the word, increasing.
	 */
	static int[] positions(byte[] bytes) {
		long[] sums = sums(bytes, 0);
		int[] positions = new int[sums.length];
		for (int i = 0; i < sums.length; i++) {
			positions[i] = (int) sums[i];
		}
		return positions;
	}

}
