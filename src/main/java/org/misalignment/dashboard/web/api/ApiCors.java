package org.misalignment.dashboard.web.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API is public and read-only, so any site's scripts may read it (GET, HEAD and their
 * preflight), without cookies. Pages are not opened to other origins.
 */
@Configuration
class ApiCors implements WebMvcConfigurer {

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/api/**")
			.allowedOrigins("*")
			.allowedMethods("GET", "HEAD")
			.allowCredentials(false)
			.maxAge(3600);
	}

}
