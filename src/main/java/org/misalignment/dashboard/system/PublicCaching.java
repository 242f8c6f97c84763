package org.misalignment.dashboard.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TreeMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.misalignment.dashboard.store.SiteGeneration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Public pages, twins and API answers may be kept by browsers, proxies and CDNs, and are
 * revalidated without being computed again. An anonymous {@code GET} or {@code HEAD} gets
 * a strong {@code ETag} made of what its answer depends on, known before any of it is
 * computed: the site's {@link SiteGeneration} (read from the database, one row), the
 * build and the {@code dashboard.*} settings, the address asked for (scheme, host, path,
 * query), the language ({@link Languages}: the tag differs, and {@code Vary} names the
 * headers it comes from) and the day (a chart's citation names it). A request whose
 * {@code If-None-Match} names the tag is answered {@code 304} at once; any other
 * successful answer carries the tag and
 * {@code Cache-Control: public, max-age=0, s-maxage=…}: a proxy or CDN may keep it for
 * {@code dashboard.http.shared-max-age} (0: ask every time) and a browser asks every
 * time, with the tag, so that a reader who signs in, or a page an import changed, is
 * never answered from the browser's own copy; the question costs a {@code 304}.
 * <p>
 * The tag is weak ({@code W/"…"}): it names the page, not its bytes, which differ when
 * the server compresses it (Tomcat compresses no response with a strong tag, rightly: a
 * strong tag promises the same bytes). {@code If-None-Match} compares tags weakly, so
 * browsers, proxies and CDNs revalidate with it all the same.
 * <p>
 * Not for anyone signed in (their pages hold what readers do not see:
 * {@link NoStoreResponses} makes them {@code no-store}), nor for errors, sign-in, admin
 * and actuator addresses, assets (cached for a year under content-hashed URLs) or an
 * answer that brings a tag of its own (chart images). Runs right after the security
 * filters, when who is asking is known.
 */
@Component
@ConditionalOnWebApplication
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1)
class PublicCaching extends OncePerRequestFilter {

	private static final String[] NEVER = { "/assets/", "/webjars/", "/admin", "/login", "/logout", "/denied",
			"/actuator", "/error", "/readyz", "/livez" };

	/** What besides the address decides a page's language ({@link Languages}). */
	static final String VARY = "Accept-Language, Cookie";

	private final SiteGeneration generation;

	private final RoleHierarchy roles;

	private final String cacheControl;

	/** The build and the settings that shape pages, hashed once. */
	private final String deployment;

	PublicCaching(SiteGeneration generation, RoleHierarchy roles, ObjectProvider<BuildProperties> build,
			ConfigurableEnvironment environment, @Value("${dashboard.http.shared-max-age:60s}") Duration sharedMaxAge) {
		this.generation = generation;
		this.roles = roles;
		this.cacheControl = sharedMaxAge.isZero() ? "public, no-cache"
				: "public, max-age=0, s-maxage=" + sharedMaxAge.toSeconds();
		BuildProperties built = build.getIfAvailable();
		// without Maven's build-info (a run from an IDE), each start is a build of its
		// own
		String buildTime = (built != null && built.getTime() != null) ? built.getTime().toString()
				: Instant.now().toString();
		this.deployment = EntityTags.sha256(buildTime + "\n" + settings(environment));
	}

	/**
	 * The {@code dashboard.*} settings, sorted (logins left out: no page shows them, and
	 * a tag should not be made from a password).
	 */
	private static String settings(ConfigurableEnvironment environment) {
		TreeMap<String, String> settings = new TreeMap<>();
		environment.getPropertySources().forEach((source) -> {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (name.startsWith("dashboard.") && !name.startsWith("dashboard.admin.")
							&& !name.startsWith("dashboard.users")) {
						settings.putIfAbsent(name, String.valueOf(environment.getProperty(name)));
					}
				}
			}
		});
		return settings.toString();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String prefix : NEVER) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return Viewer.current(this.roles).signedIn();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String etag = etag(request);
		// one address, two languages: a cache must keep them apart
		response.addHeader(HttpHeaders.VARY, VARY);
		if (EntityTags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			response.setHeader(HttpHeaders.ETAG, etag);
			response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
			return;
		}
		Tagged tagged = new Tagged(response, etag, this.cacheControl);
		chain.doFilter(request, tagged);
		tagged.tag();
	}

	String etag(HttpServletRequest request) {
		String query = request.getQueryString();
		String identity = this.deployment + "\n" + this.generation.current() + "\n" + LocalDate.now(ZoneOffset.UTC)
				+ "\n" + request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
				+ request.getRequestURI() + ((query != null) ? "?" + query : "") + "\n" + Languages.of(request);
		return "W/\"" + EntityTags.sha256(identity).substring(0, 32) + "\"";
	}

	/**
	 * A response that takes the tag and the public caching when its status is known to be
	 * 200 and before its first byte leaves, unless it has a tag or caching of its own.
	 */
	private static final class Tagged extends HttpServletResponseWrapper {

		private final String etag;

		private final String cacheControl;

		private boolean done;

		Tagged(HttpServletResponse response, String etag, String cacheControl) {
			super(response);
			this.etag = etag;
			this.cacheControl = cacheControl;
		}

		void tag() {
			if (this.done) {
				return;
			}
			this.done = true;
			HttpServletResponse response = (HttpServletResponse) getResponse();
			if (response.isCommitted() || response.getStatus() != HttpServletResponse.SC_OK
					|| response.containsHeader(HttpHeaders.ETAG)) {
				return;
			}
			response.setHeader(HttpHeaders.ETAG, this.etag);
			if (response.containsHeader(HttpHeaders.SET_COOKIE)) {
				// a ?lang= switch sets the reader's own cookie: no shared cache may keep
				// it
				response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
			}
			else if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
				response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			tag();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			tag();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			tag();
			super.flushBuffer();
		}

	}

}
