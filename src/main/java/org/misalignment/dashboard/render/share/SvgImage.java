package org.misalignment.dashboard.render.share;

import java.util.Locale;

/**
 * A {@link ChartDrawing} as an SVG document. Every text from a dataset (group, model,
 * question and series names, the title) is escaped as XML; each bar is a
 * {@code <rect class="bar">} with its numbers in data attributes and its tooltip as a
 * {@code <title>}.
 */
final class SvgImage {

	private SvgImage() {
	}

	static String of(ChartDrawing drawing) {
		StringBuilder svg = new StringBuilder(16_384);
		svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(drawing.width())
			.append("\" height=\"")
			.append(drawing.height())
			.append("\" viewBox=\"0 0 ")
			.append(drawing.width())
			.append(' ')
			.append(drawing.height())
			.append("\" role=\"img\" font-family=\"")
			.append(xml(ChartDrawing.FONT_FAMILY))
			.append("\">\n")
			.append("<title>")
			.append(xml(drawing.title()))
			.append("</title>\n");
		for (ChartDrawing.Shape shape : drawing.shapes()) {
			if (shape instanceof ChartDrawing.Box box) {
				box(svg, box);
			}
			else if (shape instanceof ChartDrawing.Stroke stroke) {
				svg.append("<line class=\"")
					.append(stroke.role())
					.append("\" x1=\"")
					.append(number(stroke.x1()))
					.append("\" y1=\"")
					.append(number(stroke.y1()))
					.append("\" x2=\"")
					.append(number(stroke.x2()))
					.append("\" y2=\"")
					.append(number(stroke.y2()))
					.append("\" stroke=\"")
					.append(stroke.color())
					.append("\" stroke-width=\"")
					.append(number(stroke.width()))
					.append("\"/>\n");
			}
			else if (shape instanceof ChartDrawing.Text text) {
				text(svg, text);
			}
			else if (shape instanceof ChartDrawing.Circle circle) {
				svg.append("<circle class=\"")
					.append(circle.role())
					.append("\" cx=\"")
					.append(number(circle.cx()))
					.append("\" cy=\"")
					.append(number(circle.cy()))
					.append("\" r=\"")
					.append(number(circle.r()))
					.append("\" fill=\"")
					.append(xml(circle.color()))
					.append("\" fill-opacity=\"")
					.append(number(circle.opacity()))
					.append("\" stroke=\"")
					.append(xml(circle.color()))
					.append("\"><title>")
					.append(xml(circle.tooltip()))
					.append("</title></circle>\n");
			}
		}
		return svg.append("</svg>\n").toString();
	}

	private static void box(StringBuilder svg, ChartDrawing.Box box) {
		svg.append("<rect class=\"")
			.append(box.role())
			.append("\" x=\"")
			.append(number(box.x()))
			.append("\" y=\"")
			.append(number(box.y()))
			.append("\" width=\"")
			.append(number(box.w()))
			.append("\" height=\"")
			.append(number(box.h()))
			.append("\" fill=\"")
			.append(xml(box.fill()))
			.append('"');
		ChartDrawing.Bar bar = box.bar();
		if (bar == null) {
			svg.append("/>\n");
			return;
		}
		svg.append(" data-label=\"")
			.append(xml(bar.label()))
			.append("\" data-series=\"")
			.append(xml(bar.series()))
			.append("\" data-rate=\"")
			.append(bar.rate())
			.append('"');
		if (bar.low() != null && bar.high() != null) {
			svg.append(" data-ci-low=\"").append(bar.low()).append("\" data-ci-high=\"").append(bar.high()).append('"');
		}
		if (bar.n() != null) {
			svg.append(" data-n=\"").append(bar.n()).append('"');
		}
		svg.append("><title>").append(xml(bar.tooltip())).append("</title></rect>\n");
	}

	private static void text(StringBuilder svg, ChartDrawing.Text text) {
		svg.append("<text class=\"")
			.append(text.role())
			.append("\" x=\"")
			.append(number(text.x()))
			.append("\" y=\"")
			.append(number(text.y()))
			.append("\" font-size=\"")
			.append(number(text.size()))
			.append("\" fill=\"")
			.append(text.color())
			.append('"');
		if (text.bold()) {
			svg.append(" font-weight=\"bold\"");
		}
		if (text.anchor() != ChartDrawing.Anchor.START) {
			svg.append(" text-anchor=\"")
				.append(text.anchor() == ChartDrawing.Anchor.MIDDLE ? "middle" : "end")
				.append('"');
		}
		if (text.rotate() != 0) {
			svg.append(" transform=\"rotate(")
				.append(number(text.rotate()))
				.append(' ')
				.append(number(text.x()))
				.append(' ')
				.append(number(text.y()))
				.append(")\"");
		}
		svg.append('>').append(xml(text.text())).append("</text>\n");
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * Text as XML character data or attribute value; characters XML 1.0 cannot hold
	 * become U+FFFD.
	 */
	static String xml(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		text.codePoints().forEach((c) -> {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
							|| (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
					out.appendCodePoint(allowed ? c : 0xFFFD);
				}
			}
		});
		return out.toString();
	}

}
