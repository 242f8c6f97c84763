package org.misalignment.dashboard.system;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The site in Chinese and English: the browser's language, {@code ?lang=}, the cookie
 * that remembers a switch, the switcher's links, the same numbers in both, and caches
 * that never hand one language's page to a reader of the other (the synthetic demo; same
 * context as DemoOnFirstRunTest's neighbours).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class LanguagesTest {

	private static final String[] PAGES = { "/d/demo", "/d/demo/models", "/d/demo/questions", "/d/demo/answers",
			"/d/demo/explore", "/d/demo/compare", "/glossary" };

	private static final Pattern PERCENT = Pattern.compile("\\d+(\\.\\d+)?%");

	@Autowired
	private MockMvc mvc;

	private MockHttpServletResponse fetch(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = fetch(request);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void aChineseBrowserReadsChineseAndLangEnSwitchesBack() throws Exception {
		for (String url : PAGES) {
			String chinese = followed(url, "zh-CN,zh;q=0.9,en;q=0.8");
			assertThat(chinese).as(url)
				.contains("<html lang=\"zh-CN\"")
				.contains(">术语表</a>")
				.contains("内容提示")
				.doesNotContain(">Glossary</a>")
				.doesNotContain("Content note:");
			if (url.startsWith("/d/")) {
				assertThat(chinese).as(url).contains(">概览</a>").doesNotContain(">Overview</a>");
			}
			String english = followed(url + "?lang=en", "zh-CN");
			assertThat(english).as(url)
				.contains("<html lang=\"en\"")
				.contains(">Glossary</a>")
				.contains("Content note:")
				.doesNotContain(">术语表</a>");
		}
	}

	/** A page read as a browser would, after the redirects some addresses answer with. */
	private String followed(String url, String acceptLanguage) throws Exception {
		MockHttpServletResponse response = fetch(get(url).header("Accept-Language", acceptLanguage));
		for (int hops = 0; hops < 3 && response.getStatus() == 302; hops++) {
			MockHttpServletRequestBuilder next = get(response.getRedirectedUrl()).header("Accept-Language",
					acceptLanguage);
			Cookie kept = response.getCookie(Languages.COOKIE);
			response = fetch((kept != null) ? next.cookie(kept) : next);
		}
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void withoutAcceptLanguageOrInAnotherLanguageTheSiteIsEnglish() throws Exception {
		assertThat(page(get("/d/demo"))).contains("<html lang=\"en\"").contains(">Overview</a>");
		assertThat(page(get("/d/demo").header("Accept-Language", "fr-FR,de;q=0.5"))).contains("<html lang=\"en\"");
		assertThat(page(get("/d/demo?lang=fr").header("Accept-Language", "zh-TW"))).contains("<html lang=\"en\"");
		assertThat(page(get("/d/demo").header("Accept-Language", "zh-TW"))).contains("<html lang=\"zh-CN\"");
	}

	@Test
	void aSwitchIsRememberedInACookie() throws Exception {
		MockHttpServletResponse switched = fetch(get("/d/demo/models?lang=zh-CN"));
		Cookie cookie = switched.getCookie(Languages.COOKIE);
		assertThat(cookie).isNotNull();
		assertThat(cookie.getValue()).isEqualTo("zh-CN");
		assertThat(switched.getContentAsString()).contains("<html lang=\"zh-CN\"");
		// the response that sets the cookie is this reader's alone: no shared cache keeps
		// it
		assertThat(switched.getHeader("Cache-Control")).isEqualTo("private, no-cache");
		assertThat(fetch(get("/d/demo/models")).getHeader("Cache-Control")).startsWith("public");
		// the next page, without lang and from an English browser, stays Chinese
		assertThat(page(get("/d/demo/questions").cookie(cookie).header("Accept-Language", "en")))
			.contains("<html lang=\"zh-CN\"")
			.contains(">问题</a>");
		Cookie back = fetch(get("/d/demo?lang=en").cookie(cookie)).getCookie(Languages.COOKIE);
		assertThat(back.getValue()).isEqualTo("en");
	}

	@Test
	void theSwitcherKeepsThePageAndItsParameters() throws Exception {
		String html = page(get("/d/demo/models?aligned_below=40&lang=en"));
		assertThat(html).contains("href=\"/d/demo/models?aligned_below=40&amp;lang=zh-CN\"")
			.contains("href=\"/d/demo/models?aligned_below=40&amp;lang=en\"");
	}

	@Test
	void numbersAreTheSameInBothLanguages() throws Exception {
		for (String url : new String[] { "/d/demo", "/d/demo/models", "/d/demo/questions" }) {
			List<String> english = percents(page(get(url + "?lang=en")));
			List<String> chinese = percents(page(get(url + "?lang=zh-CN")));
			assertThat(english).as(url).isNotEmpty();
			assertThat(chinese).as(url).isEqualTo(english);
		}
	}

	private static List<String> percents(String html) {
		return PERCENT.matcher(html).results().map(MatchResult::group).toList();
	}

	@Test
	void aCachedEnglishPageIsNeverAChineseReadersPage() throws Exception {
		MockHttpServletResponse english = fetch(get("/d/demo/models").header("Accept-Language", "en"));
		String tag = english.getHeader("ETag");
		assertThat(tag).isNotNull();
		assertThat(english.getHeaders("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Accept-Language"));
		assertThat(english.getHeaders("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Cookie"));
		// the English tag does not answer a Chinese reader's revalidation with a 304
		MockHttpServletResponse chinese = fetch(
				get("/d/demo/models").header("Accept-Language", "zh-CN").header("If-None-Match", tag));
		assertThat(chinese.getStatus()).isEqualTo(200);
		assertThat(chinese.getHeader("ETag")).isNotEqualTo(tag);
		assertThat(chinese.getContentAsString()).contains("<html lang=\"zh-CN\"");
		// nor a reader whose cookie says Chinese
		assertThat(
				fetch(get("/d/demo/models").cookie(new Cookie(Languages.COOKIE, "zh-CN")).header("If-None-Match", tag))
					.getStatus())
			.isEqualTo(200);
		// while an English reader's revalidation is still a 304
		assertThat(fetch(get("/d/demo/models").header("Accept-Language", "en-GB").header("If-None-Match", tag))
			.getStatus()).isEqualTo(304);
	}

}
