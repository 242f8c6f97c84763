package org.misalignment.dashboard.render.twins;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link TwinViews} on the page paths that have twins. */
@Configuration
class TwinConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new TwinViews()).addPathPatterns("/", "/d/**", "/answers/**");
	}

}
