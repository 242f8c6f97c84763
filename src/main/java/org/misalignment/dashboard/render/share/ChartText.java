package org.misalignment.dashboard.render.share;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text of a {@link ChartDrawing} measured with the font metrics of Java's logical
 * SansSerif font (what {@link PngImage} paints with) and broken into lines that fit a
 * width: at spaces, and inside a word only when the word alone is wider than the line (a
 * long URL). Nothing is dropped unless the text needs more lines than a caller allows,
 * which only a pathologically long name does.
 */
final class ChartText {

	/** Fractional metrics and anti-aliasing, as {@link PngImage} draws. */
	private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

	private ChartText() {
	}

	/**
	 * Fonts with Chinese glyphs, in the order tried when SansSerif lacks a glyph of the
	 * text (Debian's and Ubuntu's fonts-noto-cjk installs the first).
	 */
	static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
			"WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback");

	/** The first of {@link #CJK_FAMILIES} installed, null when none is. */
	static final String CJK_FAMILY = cjkFamily();

	private static String cjkFamily() {
		Set<String> installed = Set
			.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
		return CJK_FAMILIES.stream().filter(installed::contains).findFirst().orElse(null);
	}

	/**
	 * The font that draws {@code text}: SansSerif, or a Chinese font for text SansSerif
	 * has no glyphs for (no missing-glyph boxes in a Chinese caption).
	 */
	static Font font(String text, double size, boolean bold) {
		Font sans = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
		if (CJK_FAMILY == null || sans.canDisplayUpTo(text) == -1) {
			return sans;
		}
		return new Font(CJK_FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
	}

	/** The text's advance width in pixels. */
	static double width(String text, double size, boolean bold) {
		return font(text, size, bold).getStringBounds(text, MEASURE).getWidth();
	}

	/**
	 * The text in lines no wider than {@code max}, at most {@code lines} of them; only
	 * when it needs more is the last one cut with an ellipsis.
	 */
	static List<String> wrap(String text, double size, boolean bold, double max, int lines) {
		List<String> out = new ArrayList<>();
		String line = "";
		for (String word : text.strip().split("\\s+")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (width(candidate, size, bold) <= max) {
				line = candidate;
				continue;
			}
			if (!line.isEmpty()) {
				out.add(line);
			}
			line = word;
			// a word wider than a whole line is broken where it must be
			while (width(line, size, bold) > max) {
				int end = longestFitting(line, size, bold, max);
				out.add(line.substring(0, end));
				line = line.substring(end);
			}
		}
		if (!line.isEmpty() || out.isEmpty()) {
			out.add(line);
		}
		if (out.size() <= lines) {
			return out;
		}
		List<String> kept = new ArrayList<>(out.subList(0, lines - 1));
		kept.add(fit(String.join(" ", out.subList(lines - 1, out.size())), size, bold, max));
		return kept;
	}

	/** The text, cut with an ellipsis to fit the width. */
	static String fit(String text, double size, boolean bold, double max) {
		if (width(text, size, bold) <= max) {
			return text;
		}
		int end = text.length();
		while (end > 1 && width(text.substring(0, end) + "…", size, bold) > max) {
			end = text.offsetByCodePoints(end, -1);
		}
		return text.substring(0, end).stripTrailing() + "…";
	}

	/** At most {@code max} characters, the last an ellipsis when it was longer. */
	static String shorten(String text, int max) {
		return (text.codePointCount(0, text.length()) <= max) ? text
				: text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
	}

	/** How many chars of the text fit the width; at least one code point. */
	private static int longestFitting(String text, double size, boolean bold, double max) {
		int end = text.offsetByCodePoints(0, 1);
		while (end < text.length()) {
			int next = text.offsetByCodePoints(end, 1);
			if (width(text.substring(0, next), size, bold) > max) {
				break;
			}
			end = next;
		}
		return end;
	}

}
