package org.misalignment.dashboard.system;

import java.util.List;

import org.misalignment.dashboard.store.catalog.DatasetJudges;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers {@link RuleArgumentResolver}, so that handlers can take a
 * {@link org.misalignment.dashboard.rates.Rule}.
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

	private final DatasetJudges judges;

	WebConfiguration(DatasetJudges judges) {
		this.judges = judges;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RuleArgumentResolver(this.judges));
	}

}
