package org.misalignment.dashboard.system;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code dashboard.exports.at-once} answer exports ({@code /d/…/answers.csv} and
 * {@code .json}, every matching answer with its whole text) run at once; one more is
 * answered 503 with {@code Retry-After} at once rather than queued. An export holds a
 * request thread while its client reads, however slowly (a client that stops reading is
 * dropped after {@code server.tomcat.connection-timeout}), but no database connection:
 * without this bound, a few dozen clients that never read would hold every request
 * thread.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE) // before the twins' path handling rewrites the path
class ExportLimit extends OncePerRequestFilter {

	static final int RETRY_AFTER_SECONDS = 30;

	private static final Pattern EXPORT = Pattern.compile("/d/[^/]+/answers\\.(csv|json)");

	private final Semaphore running;

	private final int atOnce;

	ExportLimit(@Value("${dashboard.exports.at-once:4}") int atOnce) {
		this.atOnce = atOnce;
		this.running = new Semaphore(atOnce);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!EXPORT.matcher(path).matches()) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.running.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			PlainText.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"This site is sending " + this.atOnce + " exports of answers already; try again in "
							+ RETRY_AFTER_SECONDS + " seconds. The answers page and the API (/api/v1) keep working.");
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.running.release();
		}
	}

}
