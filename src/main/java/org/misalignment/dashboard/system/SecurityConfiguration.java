package org.misalignment.dashboard.system;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what: reading (every GET, the API, assets, health) is public; reviewers flag
 * answers; admins import, hide and delete datasets, read the metrics and may do what
 * reviewers do. Everything else that writes needs a login and a CSRF token. The response
 * headers (CSP, nosniff, framing, referrer) are {@link SecurityHeaders}' alone, so Spring
 * Security's own writers for them are off; cache control is {@link NoStoreResponses}'
 * (no-store for anyone signed in and for errors; public images may be cached), except
 * under {@code /actuator}, where Spring Security's applies. Sign-ins are throttled
 * ({@link LoginThrottle}); uploads are read only for an admin's import
 * ({@link MultipartGate}).
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

	static final String REVIEWER = "REVIEWER";

	static final String ADMIN = "ADMIN";

	/** Counts wrong passwords and pauses sign-ins (an event listener, hence a bean). */
	@Bean
	LoginThrottle loginThrottle() {
		return new LoginThrottle(Clock.systemUTC());
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix().role(ADMIN).implies(REVIEWER).build();
	}

	/**
	 * Question ids come from result files and may hold "//" (a question page's path keeps
	 * them); the default firewall refuses such paths with a bare 400. Paths are matched
	 * as sent (no slashes merged), so "//admin" still reaches no admin page.
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedDoubleSlash(true);
		return firewall;
	}

	/**
	 * Actuator, on its own management port ({@code management.server.port}, on the
	 * machine only by default): health, Prometheus's scrape and the list of endpoints
	 * need no login there; every other endpoint (the metrics) is for admins, who send
	 * their password with the request (HTTP Basic, for scripts such as {@code curl -u};
	 * the site's sign-in lives on the public port). Anonymous requests get 401, as
	 * scripts expect, not the login page. Should the management port be the public one,
	 * the scrape is for admins too. The probes the public port serves for load balancers
	 * ({@code /livez}, {@code /readyz}) are public. It comes before
	 * {@link #securityFilterChain}, which would let every GET through; on the public port
	 * {@code /actuator} is not served at all (404).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain actuatorFilterChain(HttpSecurity http, LoginThrottle throttle, Environment environment)
			throws Exception {
		RequestMatcher probes = EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, "health");
		boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		http.securityMatcher(new OrRequestMatcher(EndpointRequest.toAnyEndpoint(), probes))
			.addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(EndpointRequest.toLinks(), EndpointRequest.to("health"), probes).permitAll();
				if (ownPort) {
					requests.requestMatchers(EndpointRequest.to("prometheus")).permitAll();
				}
				requests.anyRequest().hasRole(ADMIN);
			})
			.httpBasic(Customizer.withDefaults())
			// as on the pages, but with Spring Security's "no-store": metrics are an
			// admin's, not to be kept by a
			// browser, and health is worth nothing from a cache
			.headers((headers) -> headers.frameOptions((frames) -> frames.disable())
				.contentTypeOptions((nosniff) -> nosniff.disable()));
		return http.build();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, LoginThrottle throttle, RoleHierarchy roles)
			throws Exception {
		RequestMatcher api = (request) -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		http.addFilterAfter(new NoStoreResponses(roles), SecurityContextHolderFilter.class)
			.addFilterBefore(new MultipartGate(roles), CsrfFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
				.permitAll()
				.requestMatchers("/admin", "/admin/**")
				.hasRole(ADMIN)
				.requestMatchers(api)
				.access((authentication,
						context) -> new AuthorizationDecision(HttpMethod.GET.matches(context.getRequest().getMethod())
								|| HttpMethod.HEAD.matches(context.getRequest().getMethod())))
				.requestMatchers(HttpMethod.POST, "/answers/*/flags")
				.hasRole(REVIEWER)
				.requestMatchers(HttpMethod.GET, "/**")
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, "/**")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			// answers CORS preflights from the MVC mappings (GET under /api/) before any
			// login is asked for
			.cors(Customizer.withDefaults())
			.formLogin((login) -> login.loginPage("/login").permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
			// the API answers 401 rather than redirecting a script to a login page
			.exceptionHandling((errors) -> errors
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						(request) -> !api.matches(request))
				.accessDeniedPage("/denied"))
			.headers((headers) -> headers.frameOptions((frames) -> frames.disable())
				.contentTypeOptions((nosniff) -> nosniff.disable())
				.cacheControl((cache) -> cache.disable()));
		return http.build();
	}

}
