package org.misalignment.dashboard.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What every entity tag the site makes needs: a hash of what the answer depends on, and
 * the check of a request's {@code If-None-Match} against a tag (public pages,
 * {@link PublicCaching}; chart images).
 */
public final class EntityTags {

	private EntityTags() {
	}

	/** The SHA-256 of the text, in hex. */
	public static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	/**
	 * Whether an {@code If-None-Match} header names this tag, compared weakly (with or
	 * without {@code W/} on either side, among others), or is {@code *}.
	 */
	public static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
			return false;
		}
		String opaque = opaque(etag);
		for (String tag : ifNoneMatch.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals("*") || opaque(candidate).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

}
