package org.misalignment.dashboard.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file that passed the byte-level checks every format needs: not empty, not binary,
 * valid UTF-8. The check streams the file once and computes its SHA-256 on the way, which
 * identifies it for re-imports.
 */
public record CheckedFile(Path path, String sha256, long size) {

	public static CheckedFile check(Path path) throws ImportException, IOException {
		Utf8Scan scan = new Utf8Scan(path);
		CheckedFile file = read(path, scan);
		scan.finish();
		return file;
	}

	/**
	 * A binary file (an Inspect {@code .eval} archive) that is not empty, with its
	 * SHA-256; its format checks its content.
	 */
	public static CheckedFile hash(Path path) throws ImportException, IOException {
		return read(path, null);
	}

	/** Reads the file once for its SHA-256, passing its bytes to {@code scan} if any. */
	private static CheckedFile read(Path path, Utf8Scan scan) throws ImportException, IOException {
		long size = Files.size(path);
		if (size == 0) {
			throw new ImportException(path, 1, "empty file");
		}
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
			byte[] buffer = new byte[1 << 16];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
				if (scan != null) {
					scan.accept(buffer, n);
				}
			}
		}
		return new CheckedFile(path, HexFormat.of().formatHex(digest.digest()), size);
	}

	/**
	 * Validates UTF-8 byte by byte, counting lines so that an error can say where it is.
	 */
	private static final class Utf8Scan {

		private final Path path;

		private long line = 1;

		private int pending; // continuation bytes still expected

		private int codePoint;

		private int minimum; // smallest code point the current sequence may encode
								// (rejects overlong forms)

		Utf8Scan(Path path) {
			this.path = path;
		}

		void accept(byte[] bytes, int length) throws ImportException {
			for (int i = 0; i < length; i++) {
				int b = bytes[i] & 0xFF;
				if (this.pending > 0) {
					if ((b & 0xC0) != 0x80) {
						throw invalid();
					}
					this.codePoint = (this.codePoint << 6) | (b & 0x3F);
					if (--this.pending == 0 && (this.codePoint < this.minimum || this.codePoint > 0x10FFFF
							|| (this.codePoint >= 0xD800 && this.codePoint <= 0xDFFF))) {
						throw invalid();
					}
					continue;
				}
				if (b < 0x80) {
					if (b == 0) {
						throw new ImportException(this.path, this.line,
								"binary file (a NUL byte); expected a UTF-8 text file");
					}
					if (b == '\n') {
						this.line++;
					}
				}
				else if ((b & 0xE0) == 0xC0) {
					start(b & 0x1F, 1, 0x80);
				}
				else if ((b & 0xF0) == 0xE0) {
					start(b & 0x0F, 2, 0x800);
				}
				else if ((b & 0xF8) == 0xF0) {
					start(b & 0x07, 3, 0x10000);
				}
				else {
					throw invalid();
				}
			}
		}

		private void start(int bits, int continuation, int min) {
			this.codePoint = bits;
			this.pending = continuation;
			this.minimum = min;
		}

		void finish() throws ImportException {
			if (this.pending > 0) {
				throw invalid();
			}
		}

		private ImportException invalid() {
			return new ImportException(this.path, this.line, "invalid UTF-8 (the file must be UTF-8 text)");
		}

	}

}
