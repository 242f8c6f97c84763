package org.misalignment.dashboard.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * The navigation's language switcher, in every page as {@code languages}: for each
 * language, the page's own address with {@code lang} set to it, so switching keeps the
 * view, and {@code lang}, the tag of the page's language for {@code <html lang>}.
 */
@ControllerAdvice(annotations = Controller.class)
class LanguageLinks {

	/**
	 * One language of the switcher: its tag, its name in itself, the link, whether shown.
	 */
	record Language(String tag, String name, String href, boolean current) {
	}

	@ModelAttribute("languages")
	List<Language> languages(HttpServletRequest request) {
		Locale shown = Languages.supported(LocaleContextHolder.getLocale());
		List<Language> languages = new ArrayList<>();
		for (Locale locale : Languages.SUPPORTED) {
			String tag = locale.toLanguageTag();
			UriComponents link = ServletUriComponentsBuilder.fromRequest(request)
				.replaceQueryParam(Languages.PARAMETER, tag)
				.build();
			String href = link.getPath() + ((link.getQuery() != null) ? "?" + link.getQuery() : "");
			languages.add(
					new Language(tag, locale.equals(Languages.CHINESE) ? "中文" : "English", href, locale.equals(shown)));
		}
		return languages;
	}

	@ModelAttribute("lang")
	String lang() {
		return Languages.tag(LocaleContextHolder.getLocale());
	}

}
