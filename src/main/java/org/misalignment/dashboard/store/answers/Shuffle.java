package org.misalignment.dashboard.store.answers;

import java.util.List;

/**
 * A seeded order of answers that the database computes: each answer's place is a hash of
 * its id and the seed, {@code ((a·id + s) · (b·id + t)) mod p} with p = 2³¹ − 1 and s, t
 * taken from the seed. Any page of the order is one {@code ORDER BY … LIMIT 1 OFFSET k},
 * so no answer list is ever held in memory, and the same seed gives the same order on H2
 * and PostgreSQL (every intermediate value fits in a BIGINT).
 */
public record Shuffle(long seed) {

	private static final long P = 2_147_483_647L;

	private static final long A = 48_271L;

	private static final long B = 1_103_515_245L % P;

	/**
	 * p as a BIGINT: H2 gives MOD the type of its divisor, and an INTEGER would overflow.
	 */
	private static final String MODULUS = "CAST(" + P + " AS BIGINT)";

	/**
	 * The sort key, reading the answer's id from {@code s.id}; its parameters are
	 * {@link #parameters()}.
	 */
	static final String ORDER_BY = " ORDER BY MOD(MOD(MOD(s.id, " + MODULUS + ") * " + A + " + ?, " + MODULUS
			+ ") * MOD(MOD(s.id, " + MODULUS + ") * " + B + " + ?, " + MODULUS + "), " + MODULUS + "), s.id";

	List<Object> parameters() {
		long mixed = mix(this.seed);
		return List.of(Math.floorMod(mixed, P), Math.floorMod(mix(mixed ^ 0x5DEECE66DL), P));
	}

	/** SplitMix64's finaliser: nearby seeds (1, 2, 3) still give unrelated orders. */
	private static long mix(long value) {
		long z = value + 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
