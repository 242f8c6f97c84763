package org.misalignment.dashboard.render.share;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

/**
 * A {@link ChartDrawing} painted with Java2D into a PNG, at twice its size in pixels
 * ({@code scale} 2) so that it stays sharp on high-density screens and in print, or at
 * its size ({@code scale} 1). Needs no display: Spring Boot runs with
 * {@code java.awt.headless=true}, and text uses the logical font SansSerif.
 */
final class PngImage {

	private PngImage() {
	}

	/**
	 * The most pixels a PNG may have ({@code width × height × scale²}): 24 MB of image in
	 * memory while it is drawn.
	 */
	static final long MAX_PIXELS = 6_000_000;

	/**
	 * PNGs drawn at once: half the cores (at least one), the work being all computation;
	 * the other half stays free for pages.
	 */
	static final int DRAWN_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

	/** How long a request waits for a drawing slot before it is answered 503. */
	static final int WAIT_SECONDS = 5;

	static final int RETRY_AFTER_SECONDS = 5;

	private static final Semaphore slots = new Semaphore(DRAWN_AT_ONCE, true);

	/**
	 * The PNG, drawn when one of {@link #DRAWN_AT_ONCE} slots is free within
	 * {@link #WAIT_SECONDS}; {@code null} when none was (the caller answers 503). Bounds
	 * the memory all images take at once to about {@link #DRAWN_AT_ONCE} × 24 MB plus
	 * their encodings, whatever the number of requests.
	 */
	static byte[] drawn(ChartDrawing drawing, int scale) throws InterruptedException {
		if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
			return null;
		}
		try {
			return of(drawing, scale);
		}
		finally {
			slots.release();
		}
	}

	static byte[] of(ChartDrawing drawing, int scale) {
		BufferedImage image = new BufferedImage(drawing.width() * scale, drawing.height() * scale,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
			g.scale(scale, scale);
			for (ChartDrawing.Shape shape : drawing.shapes()) {
				if (shape instanceof ChartDrawing.Box box) {
					g.setColor(color(box.fill()));
					g.fill(new Rectangle2D.Double(box.x(), box.y(), box.w(), box.h()));
				}
				else if (shape instanceof ChartDrawing.Stroke stroke) {
					g.setColor(color(stroke.color()));
					g.setStroke(new BasicStroke((float) stroke.width()));
					g.draw(new Line2D.Double(stroke.x1(), stroke.y1(), stroke.x2(), stroke.y2()));
				}
				else if (shape instanceof ChartDrawing.Text text) {
					text(g, text);
				}
				else if (shape instanceof ChartDrawing.Circle circle) {
					Color edge = color(circle.color());
					g.setColor(new Color(edge.getRed(), edge.getGreen(), edge.getBlue(),
							(int) Math.round(255 * circle.opacity())));
					Ellipse2D disc = new Ellipse2D.Double(circle.cx() - circle.r(), circle.cy() - circle.r(),
							2 * circle.r(), 2 * circle.r());
					g.fill(disc);
					g.setColor(edge);
					g.setStroke(new BasicStroke(1f));
					g.draw(disc);
				}
			}
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static void text(Graphics2D g, ChartDrawing.Text text) {
		g.setFont(ChartText.font(text.text(), text.size(), text.bold()));
		g.setColor(color(text.color()));
		double width = g.getFontMetrics().getStringBounds(text.text(), g).getWidth();
		double shift = switch (text.anchor()) {
			case START -> 0;
			case MIDDLE -> -width / 2;
			case END -> -width;
		};
		AffineTransform before = g.getTransform();
		g.translate(text.x(), text.y());
		if (text.rotate() != 0) {
			g.rotate(Math.toRadians(text.rotate()));
		}
		g.drawString(text.text(), (float) shift, 0f);
		g.setTransform(before);
	}

	/** {@code #rrggbb} or {@code rgba(r,g,b,a)}, the two forms the drawing uses. */
	static Color color(String css) {
		try {
			return parse(css);
		}
		catch (RuntimeException ex) {
			// only the drawing's own colours come here; a stray one is drawn grey rather
			// than failing the image
			return Color.GRAY;
		}
	}

	private static Color parse(String css) {
		if (css.startsWith("#")) {
			return new Color(Integer.parseInt(css.substring(1, 7), 16));
		}
		String[] parts = css.substring(css.indexOf('(') + 1, css.indexOf(')')).split(",");
		int alpha = (parts.length > 3) ? (int) Math.round(Double.parseDouble(parts[3].strip()) * 255) : 255;
		return new Color(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
				Integer.parseInt(parts[2].strip()), alpha);
	}

}
