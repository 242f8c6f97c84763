package org.misalignment.dashboard.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in that {@link LoginThrottle} has paused before its password is checked:
 * the login form goes back to the login page, which says for how long
 * ({@code /login?locked=MINUTES}); a request with HTTP Basic credentials gets 429 with
 * {@code Retry-After}.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = "POST".equals(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + "/login");
		String basic = basicName(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (form || basic != null) {
			String name = form ? request.getParameter("username") : basic;
			Optional<LoginThrottle.Lock> lock = this.throttle.locked(name, request.getRemoteAddr());
			if (lock.isPresent()) {
				if (form) {
					response.sendRedirect(request.getContextPath() + "/login?locked=" + lock.get().minutes());
				}
				else {
					response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(lock.get().left().toSeconds() + 1));
					PlainText.send(response, HttpStatus.TOO_MANY_REQUESTS.value(), lock.get().message());
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** The name in an HTTP Basic {@code Authorization} header, else {@code null}. */
	static String basicName(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : null;
		}
		catch (IllegalArgumentException ex) {
			return null; // not Base64: Spring Security refuses it
		}
	}

}
