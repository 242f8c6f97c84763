package org.misalignment.dashboard.system;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Uploads ({@code multipart/…} bodies) are read only for the admin's import form: any
 * other URL, or that one without an admin's sign-in, is refused before a byte of the body
 * is read (Tomcat would otherwise write every part to disk as soon as anything, such as
 * the CSRF check, asked for a parameter), and the connection is closed rather than the
 * rest of the body swallowed.
 */
final class MultipartGate extends OncePerRequestFilter {

	static final String UPLOAD_PATH = "/admin/import";

	private final RoleHierarchy roles;

	MultipartGate(RoleHierarchy roles) {
		this.roles = roles;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			chain.doFilter(request, response);
			return;
		}
		boolean upload = "POST".equals(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + UPLOAD_PATH);
		if (upload && Viewer.current(this.roles).admin()) {
			chain.doFilter(request, response);
			return;
		}
		int status = upload ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
		String message = upload ? "Only a signed-in admin may upload files for import; sign in at /login first."
				: "Uploads are accepted only by the admin's import form (" + UPLOAD_PATH + ").";
		response.setHeader("Connection", "close");
		PlainText.send(response, status, message);
	}

}
