package org.misalignment.dashboard.render.share;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.misalignment.dashboard.system.PlainText;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.View;

/**
 * Writes a page's chart as an SVG or PNG image, with the cache headers of
 * {@link ImageCache}.
 */
final class ChartImageView implements View {

	private final EmbeddedChart chart;

	private final EmbedRequest embed;

	ChartImageView(EmbeddedChart chart, EmbedRequest embed) {
		this.chart = chart;
		this.embed = embed;
	}

	@Override
	public String getContentType() {
		return (this.embed.address().format() == ChartAddress.Format.SVG) ? "image/svg+xml;charset=UTF-8" : "image/png";
	}

	@Override
	public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		ChartDrawing drawing = this.chart.scatter()
				? this.chart.bubbles()
					.drawing(this.chart.caption(), this.chart.words().phrase("aligned"), this.embed.theme(),
							this.embed.width(), this.embed.height())
				: ChartDrawing.of(this.chart.spec(), this.chart.caption(), this.embed.theme(), this.embed.width(),
						this.embed.height());
		byte[] body;
		if (this.embed.address().format() == ChartAddress.Format.SVG) {
			body = SvgImage.of(drawing).getBytes(StandardCharsets.UTF_8);
		}
		else {
			// a picture grown for its words may not pass the pixel limit at the asked
			// scale
			int scale = this.embed.scale();
			while (scale > 1 && (long) drawing.width() * drawing.height() * scale * scale > PngImage.MAX_PIXELS) {
				scale--;
			}
			body = PngImage.drawn(drawing, scale);
			if (body == null) {
				busy(response);
				return;
			}
		}
		response.setContentType(getContentType());
		response.setHeader(HttpHeaders.ETAG, this.embed.etag());
		response.setHeader(HttpHeaders.CACHE_CONTROL, ImageCache.CACHE_CONTROL);
		response.setHeader(HttpHeaders.VARY, ImageCache.VARY);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** 503: every drawing slot stayed taken; the client may try again shortly. */
	private static void busy(HttpServletResponse response) throws java.io.IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PngImage.RETRY_AFTER_SECONDS));
		PlainText.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many chart images are being drawn "
				+ "right now; try again in " + PngImage.RETRY_AFTER_SECONDS + " seconds, or use the .svg image.");
	}

}
