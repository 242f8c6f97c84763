package org.misalignment.dashboard.render.share;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.system.EntityTags;
import org.misalignment.dashboard.system.NotFoundException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /embed/d/{slug}/…}: a chart without the site around it, for an iframe on any
 * site, and the same chart as an SVG or PNG image ({@code … .svg}, {@code … .png}). The
 * chart's numbers are those of its page: this forwards to the page with the same query,
 * and {@link EmbedInterceptor} shows the page's chart as an embed or an image instead of
 * the whole page. Images answer 304 to a matching {@code If-None-Match} before anything
 * is counted.
 */
@Controller
class EmbedController {

	private final DatasetRepository datasets;

	EmbedController(DatasetRepository datasets) {
		this.datasets = datasets;
	}

	@GetMapping("/embed/d/{slug}/{*chart}")
	String embed(@PathVariable String slug, @PathVariable String chart, HttpServletRequest request,
			HttpServletResponse response) {
		ChartAddress address = ChartAddress.parse(slug, chart)
			.orElseThrow(() -> new NotFoundException("There is no chart '" + chart.substring(1)
					+ "' to embed. Charts are "
					+ "overview, questions/{id}, models/{id}, compare, sensitivity, sweep, judges and judges/scatter, "
					+ "each also as .svg and .png."));
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		Theme theme = Theme.of(request.getParameter("theme"));
		int width = whole(request, "width", 800, 320, 2400);
		int height = whole(request, "height", 450, 240, 1600);
		int scale = whole(request, "scale", 2, 1, 3);
		if (address.format() == ChartAddress.Format.PNG
				&& (long) width * height * scale * scale > PngImage.MAX_PIXELS) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
					"a PNG may have at most %,d pixels (width × height × scale²); width=%d, height=%d and scale=%d "
							+ "make %,d. Lower the scale or the size, or use the .svg image, which has no size limit.",
					PngImage.MAX_PIXELS, width, height, scale, (long) width * height * scale * scale));
		}
		String etag = null;
		if (address.image()) {
			etag = ImageCache.etag(dataset, address, request.getParameterMap(), LocaleContextHolder.getLocale());
			// an unchanged image: 304 with its caching headers; they are set on the image
			// itself otherwise (ChartImageView), never on an error
			if (EntityTags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				response.setHeader(HttpHeaders.ETAG, etag);
				response.setHeader(HttpHeaders.CACHE_CONTROL, ImageCache.CACHE_CONTROL);
				response.setHeader(HttpHeaders.VARY, ImageCache.VARY);
				return null;
			}
		}
		request.setAttribute(EmbedRequest.ATTRIBUTE, new EmbedRequest(address, theme, width, height, scale, etag));
		return "forward:" + address.pagePath();
	}

	private static int whole(HttpServletRequest request, String name, int fallback, int min, int max) {
		String text = request.getParameter(name);
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// the message below says what is allowed
		}
		throw new IllegalArgumentException(
				name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
	}

}
