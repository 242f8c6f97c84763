package org.misalignment.dashboard.system;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what: reading (every GET, the API, assets, health) is public; reviewers flag answers; admins
 * import, hide and delete datasets and may do what reviewers do. Everything else that writes needs a login and
 * a CSRF token. The response headers (CSP, nosniff, framing, referrer) are {@link SecurityHeaders}' alone, so
 * Spring Security's own writers for them are off; cache control is off too, so that images can be cached.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

	static final String REVIEWER = "REVIEWER";

	static final String ADMIN = "ADMIN";

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix().role(ADMIN).implies(REVIEWER).build();
	}

	/**
	 * Question ids come from result files and may hold "//" (a question page's path keeps them); the default
	 * firewall refuses such paths with a bare 400. Paths are matched as sent (no slashes merged), so "//admin"
	 * still reaches no admin page.
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedDoubleSlash(true);
		return firewall;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		RequestMatcher api = (request) -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		http.authorizeHttpRequests((requests) -> requests
			.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
			.requestMatchers("/admin", "/admin/**").hasRole(ADMIN)
			.requestMatchers(api).access((authentication, context) -> new AuthorizationDecision(
					HttpMethod.GET.matches(context.getRequest().getMethod())
							|| HttpMethod.HEAD.matches(context.getRequest().getMethod())))
			.requestMatchers(HttpMethod.POST, "/answers/*/flags").hasRole(REVIEWER)
			.requestMatchers(HttpMethod.GET, "/**").permitAll()
			.requestMatchers(HttpMethod.HEAD, "/**").permitAll()
			.requestMatchers("/error").permitAll()
			.anyRequest().authenticated())
			// answers CORS preflights from the MVC mappings (GET under /api/) before any login is asked for
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
