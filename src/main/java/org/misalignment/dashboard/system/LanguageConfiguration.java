package org.misalignment.dashboard.system;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of a page ({@link Languages}): {@code ?lang=zh-CN} or {@code ?lang=en}
 * switches it and a cookie remembers the switch for a year; without either the browser's
 * {@code Accept-Language} decides. Only English and Simplified Chinese come out: any
 * other language reads English.
 */
@Configuration
class LanguageConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver() {
		return new SupportedLocales();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName(Languages.PARAMETER);
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).order(Ordered.HIGHEST_PRECEDENCE);
	}

	/** A cookie resolver that answers and keeps only the site's languages. */
	static final class SupportedLocales extends CookieLocaleResolver {

		SupportedLocales() {
			super(Languages.COOKIE);
			setCookieMaxAge(Duration.ofDays(365));
			setCookieSameSite("Lax");
			setDefaultLocaleFunction(Languages::fromAcceptLanguage);
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return Languages.supported(super.resolveLocale(request));
		}

		@Override
		public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
			super.setLocale(request, response, (locale != null) ? Languages.supported(locale) : null);
		}

	}

}
