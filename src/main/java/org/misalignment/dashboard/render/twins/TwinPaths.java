package org.misalignment.dashboard.render.twins;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Datasette-style twins: {@code /d/demo/answers.csv?…} is served by the handler of
 * {@code /d/demo/answers?…}, which then renders its {@link Twin} as CSV instead of its
 * template. Only page paths ({@code /d/…}, {@code /answers/…}, and {@code /index.json}
 * for {@code /}) are rewritten; assets and the API are left alone. It runs first, before
 * anything reads and caches the request's path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TwinPaths extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI();
		String path = uri.substring(request.getContextPath().length());
		TwinFormat format = TwinFormat.ofPath(path);
		if (format == null || !isPage(path)) {
			chain.doFilter(request, response);
			return;
		}
		int cut = format.extension().length() + 1;
		String page = path.equals("/index." + format.extension()) ? "/" : path.substring(0, path.length() - cut);
		request.setAttribute(TwinFormat.ATTRIBUTE, format);
		request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		chain.doFilter(new PagePath(request, request.getContextPath() + page, format), response);
	}

	private static boolean isPage(String path) {
		return path.startsWith("/d/") || path.startsWith("/answers/") || path.startsWith("/index.");
	}

	/** The request as if it had asked for the page itself. */
	private static final class PagePath extends HttpServletRequestWrapper {

		private final String uri;

		private final String suffix;

		PagePath(HttpServletRequest request, String uri, TwinFormat format) {
			super(request);
			this.uri = uri;
			this.suffix = "." + format.extension();
		}

		@Override
		public String getRequestURI() {
			return this.uri;
		}

		@Override
		public StringBuffer getRequestURL() {
			StringBuffer url = super.getRequestURL();
			String whole = url.toString();
			int at = whole.lastIndexOf(super.getRequestURI());
			return (at < 0) ? url : new StringBuffer(whole.substring(0, at)).append(this.uri);
		}

		@Override
		public String getServletPath() {
			String servletPath = super.getServletPath();
			if (servletPath.endsWith(this.suffix)) {
				String page = servletPath.substring(0, servletPath.length() - this.suffix.length());
				return page.equals("/index") ? "/" : page;
			}
			return servletPath;
		}

	}

}
