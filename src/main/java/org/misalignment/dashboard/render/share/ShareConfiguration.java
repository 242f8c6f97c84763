package org.misalignment.dashboard.render.share;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link EmbedInterceptor} on the dataset pages that embeds forward to. */
@Configuration
class ShareConfiguration implements WebMvcConfigurer {

	private final ChartWords words;

	ShareConfiguration(ChartWords words) {
		this.words = words;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new EmbedInterceptor(this.words)).addPathPatterns("/d/**");
	}

}
