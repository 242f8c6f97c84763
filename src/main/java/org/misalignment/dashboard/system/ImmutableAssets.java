package org.misalignment.dashboard.system;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds {@code immutable} to the year-long caching of an asset or WebJar requested by its
 * content-hashed URL ({@code /assets/js/site-0a1b….js}): the file behind such a URL never
 * changes, so a browser need not ask again even when the reader reloads the page. Spring
 * Boot's resource settings have no such switch.
 */
@Component
@ConditionalOnWebApplication
class ImmutableAssets extends OncePerRequestFilter {

	private static final Pattern HASHED = Pattern.compile("/(assets|webjars)/.+-[0-9a-f]{32}\\.[A-Za-z0-9]+");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HASHED.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void setHeader(String name, String value) {
				super.setHeader(name, immutable(name, value));
			}

			@Override
			public void addHeader(String name, String value) {
				super.addHeader(name, immutable(name, value));
			}

		});
	}

	/** A year-long public Cache-Control made immutable; any other header as it is. */
	private static String immutable(String name, String value) {
		return (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) && value != null && value.contains("max-age=31536000")
				&& value.contains("public") && !value.contains("immutable")) ? value + ", immutable" : value;
	}

}
