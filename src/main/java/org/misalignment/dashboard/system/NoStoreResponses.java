package org.misalignment.dashboard.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.web.filter.GenericFilterBean;

/**
 * {@code Cache-Control: no-store} on every response to someone signed in (their pages
 * list hidden datasets and carry CSRF tokens: no browser or proxy may keep them) and on
 * every error response (a 404 for a chart a re-import adds must not be cached as one).
 * Runs inside the security filter chain, after the sign-in is known; whatever a
 * controller sets later (an image's public caching, an ETag) gives way to it.
 */
final class NoStoreResponses extends GenericFilterBean {

	static final String NO_STORE = "no-store";

	private final RoleHierarchy roles;

	NoStoreResponses(RoleHierarchy roles) {
		this.roles = roles;
	}

	@Override
	public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
			chain.doFilter(request, response);
			return;
		}
		// assets are the same for everyone, and their URLs change with their content
		String path = http.getRequestURI().substring(http.getContextPath().length());
		boolean asset = path.startsWith("/assets/") || path.startsWith("/webjars/");
		boolean signedIn = !asset && Viewer.current(this.roles).signedIn();
		NoStore wrapped = new NoStore(answer, signedIn);
		if (signedIn || answer.getStatus() >= 400) {
			wrapped.noStore();
		}
		chain.doFilter(http, wrapped);
	}

	/**
	 * A response whose caching headers give way to {@code no-store} when it must not be
	 * kept.
	 */
	private static final class NoStore extends HttpServletResponseWrapper {

		private final boolean signedIn;

		private boolean forced;

		NoStore(HttpServletResponse response, boolean signedIn) {
			super(response);
			this.signedIn = signedIn;
		}

		void noStore() {
			this.forced = true;
			super.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
		}

		private boolean caching(String name) {
			return HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) || HttpHeaders.ETAG.equalsIgnoreCase(name)
					|| HttpHeaders.EXPIRES.equalsIgnoreCase(name) || HttpHeaders.LAST_MODIFIED.equalsIgnoreCase(name);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!(this.forced && caching(name))) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!(this.forced && caching(name))) {
				super.addHeader(name, value);
			}
		}

		@Override
		public void setDateHeader(String name, long date) {
			if (!(this.forced && caching(name))) {
				super.setDateHeader(name, date);
			}
		}

		@Override
		public void addDateHeader(String name, long date) {
			if (!(this.forced && caching(name))) {
				super.addDateHeader(name, date);
			}
		}

		@Override
		public void setStatus(int status) {
			super.setStatus(status);
			if (status >= 400 || this.signedIn) {
				noStore();
			}
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			noStore();
			super.sendError(status, message);
		}

		@Override
		public void sendError(int status) throws IOException {
			noStore();
			super.sendError(status);
		}

	}

}
