package org.misalignment.dashboard.importing;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file to download before it is imported: its http(s) URL, the SHA-256 its bytes must
 * have, and, when known, their size (a download that grows past it stops there).
 */
public record Download(URI url, String sha256, Long size) {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	/** The longest URL a dataset's file record holds. */
	static final int MAX_URL = 2000;

	/**
	 * Whether a path as written names a URL ({@code scheme:…}) rather than a file; a
	 * one-letter scheme is a Windows drive.
	 */
	public static boolean isUrl(String path) {
		return SCHEME.matcher(path).matches();
	}

	/**
	 * A download from a manifest entry or the command line; the message of the
	 * {@link IllegalArgumentException} says what is wrong with it.
	 */
	public static Download of(String url, String sha256, String size) {
		URI uri = httpUrl(url);
		if (sha256 == null || sha256.isBlank()) {
			throw new IllegalArgumentException(url + " has no sha256: a downloaded file is imported only when its "
					+ "SHA-256 is given, so that the bytes are the ones meant");
		}
		return new Download(uri, sha256(sha256, url), size(size, url));
	}

	/** A SHA-256 as written, in lower case; {@code of} names the file it is for. */
	static String sha256(String sha256, String of) {
		if (!SHA256.matcher(sha256).matches()) {
			throw new IllegalArgumentException(
					"the sha256 of " + of + " is not 64 hexadecimal digits: '" + abbreviate(sha256) + "'");
		}
		return sha256.toLowerCase(Locale.ROOT);
	}

	/** A size in bytes as written, or {@code null} when none is. */
	static Long size(String size, String of) {
		if (size == null || size.isBlank()) {
			return null;
		}
		long bytes;
		try {
			bytes = Long.parseLong(size.strip());
		}
		catch (NumberFormatException ex) {
			bytes = -1;
		}
		if (bytes < 0) {
			throw new IllegalArgumentException(
					"the size of " + of + " is not a number of bytes: '" + abbreviate(size) + "'");
		}
		return bytes;
	}

	/**
	 * A {@code PATH} argument of the command: {@code URL#sha256=HEX[&size=BYTES]}, as pip
	 * writes hashes into URLs.
	 */
	public static Download ofArgument(String argument) {
		int hash = argument.indexOf('#');
		String url = (hash >= 0) ? argument.substring(0, hash) : argument;
		String sha256 = null;
		String size = null;
		if (hash >= 0) {
			for (String part : argument.substring(hash + 1).split("&")) {
				if (part.startsWith("sha256=")) {
					sha256 = part.substring("sha256=".length());
				}
				else if (part.startsWith("size=")) {
					size = part.substring("size=".length());
				}
				else {
					throw new IllegalArgumentException("unknown '" + abbreviate(part) + "' after # in " + url
							+ " (expected sha256=HEX and, if you like, &size=BYTES)");
				}
			}
		}
		if (sha256 == null) {
			throw new IllegalArgumentException(url + " has no sha256: give it as " + url
					+ "#sha256=HEX (the file's SHA-256, as sha256sum prints it)");
		}
		return of(url, sha256, size);
	}

	/** An http or https URL, refused with a reason when it is anything else. */
	static URI httpUrl(String url) {
		if (url.length() > MAX_URL) {
			throw new IllegalArgumentException("a URL of " + String.format("%,d", url.length())
					+ " characters is too long; at most " + String.format("%,d", MAX_URL) + " are kept");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a URL: " + abbreviate(url) + " (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new IllegalArgumentException("only http:// and https:// URLs are downloaded, not " + abbreviate(url));
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new IllegalArgumentException("no host in " + abbreviate(url));
		}
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("a URL with a user name or password is not downloaded: "
					+ uri.getScheme() + "://…@" + uri.getHost());
		}
		if (uri.getRawFragment() != null) {
			throw new IllegalArgumentException("a URL to download has no #fragment: " + abbreviate(url));
		}
		return uri;
	}

	/**
	 * The file's name as the URL gives it (its last path segment), made safe as a file
	 * name: its extension says the format, its stem is the model of an eval CSV that does
	 * not name one.
	 */
	public String name() {
		String path = (this.url.getRawPath() != null) ? this.url.getRawPath() : "";
		String last = path.substring(path.lastIndexOf('/') + 1);
		String decoded;
		try {
			decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			decoded = last;
		}
		String safe = decoded.replaceAll("[^A-Za-z0-9._-]", "_");
		if (safe.length() > 200) {
			safe = safe.substring(safe.length() - 200);
		}
		return (safe.isEmpty() || safe.matches("\\.+")) ? "download" : safe;
	}

	/**
	 * The same file from a mirror: the URL's path below {@code mirror} instead of below
	 * its host.
	 */
	Download from(URI mirror) {
		if (mirror == null) {
			return this;
		}
		String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
		String path = this.url.getRawPath().startsWith("/") ? this.url.getRawPath().substring(1)
				: this.url.getRawPath();
		String query = (this.url.getRawQuery() != null) ? "?" + this.url.getRawQuery() : "";
		return new Download(httpUrl(base + path + query), this.sha256, this.size);
	}

	private static String abbreviate(String text) {
		return (text.length() > 120) ? text.substring(0, 120) + "…" : text;
	}

}
