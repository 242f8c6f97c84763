package org.misalignment.dashboard.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers are model output about insecure code: even if some text slipped through as
 * markup, the browser must not run inline scripts or load anything from elsewhere.
 */
@Component
class SecurityHeaders extends OncePerRequestFilter {

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * The API docs (Swagger UI, reached from /api/docs) show no dataset text, and its
	 * bundle injects one fixed style element at start-up: allowed by its hash there only;
	 * scripts stay 'self'.
	 */
	static final String API_DOCS_POLICY = POLICY.replace("style-src 'self'",
			"style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='");

	/**
	 * Embeds ({@code /embed/…}) are made to be framed by any site; everything else stays
	 * unframable.
	 */
	static final String EMBED_POLICY = POLICY.replace("frame-ancestors 'none'", "frame-ancestors *");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean embed = request.getRequestURI().startsWith(request.getContextPath() + "/embed/");
		response.setHeader("Content-Security-Policy", embed ? EMBED_POLICY
				: request.getRequestURI().startsWith("/api/swagger-ui/") ? API_DOCS_POLICY : POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		if (!embed) {
			response.setHeader("X-Frame-Options", "DENY");
		}
		chain.doFilter(request, response);
	}

}
