package org.misalignment.dashboard.system;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The site's two languages, English and Simplified Chinese, and the language a request
 * asks for: its {@code lang} parameter, else the {@code lang} cookie a switch left, else
 * the browser's {@code Accept-Language}; anything else is English. The same answer for
 * the pages' {@link LanguageConfiguration locale resolver} and for
 * {@link PublicCaching}'s tags, which run before it.
 */
public final class Languages {

	/** The request parameter that switches the language, as in {@code ?lang=zh-CN}. */
	public static final String PARAMETER = "lang";

	/** The cookie that remembers a switch. */
	public static final String COOKIE = "lang";

	public static final Locale ENGLISH = Locale.ENGLISH;

	public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	public static final List<Locale> SUPPORTED = List.of(ENGLISH, CHINESE);

	private Languages() {
	}

	/** The supported language nearest to {@code locale}: any Chinese is Chinese. */
	public static Locale supported(Locale locale) {
		return (locale != null && "zh".equals(locale.getLanguage())) ? CHINESE : ENGLISH;
	}

	/**
	 * The language a tag ({@code zh-CN}, {@code zh_CN}, {@code en}) names; null for none.
	 */
	static Locale fromTag(String tag) {
		if (tag == null || tag.isBlank()) {
			return null;
		}
		return supported(Locale.forLanguageTag(tag.strip().replace('_', '-')));
	}

	/** The tag a page's {@code <html lang>} and the {@code lang} parameter use. */
	public static String tag(Locale locale) {
		return supported(locale).toLanguageTag();
	}

	/** The language {@code request} asks for, read as the locale resolver reads it. */
	public static Locale of(HttpServletRequest request) {
		Locale asked = fromTag(request.getParameter(PARAMETER));
		if (asked != null) {
			return asked;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				Locale kept = COOKIE.equals(cookie.getName()) ? fromTag(cookie.getValue()) : null;
				if (kept != null) {
					return kept;
				}
			}
		}
		return fromAcceptLanguage(request);
	}

	/** The first of the browser's languages the site has, else English. */
	static Locale fromAcceptLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return ENGLISH;
		}
		for (var locales = request.getLocales(); locales.hasMoreElements();) {
			Locale locale = locales.nextElement();
			if ("zh".equals(locale.getLanguage())) {
				return CHINESE;
			}
			if ("en".equals(locale.getLanguage())) {
				return ENGLISH;
			}
		}
		return ENGLISH;
	}

}
