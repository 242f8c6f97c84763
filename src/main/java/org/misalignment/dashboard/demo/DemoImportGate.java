package org.misalignment.dashboard.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.misalignment.dashboard.system.PlainText;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * While the demo dataset imports in the background ({@link DemoOnFirstRun}), pages, their
 * twins and the API answer 503 with {@code Retry-After} and how far the import is,
 * instead of an empty site: a page that reloads itself ("Importing the demo dataset: 45%
 * (33,000 answers)"), the API and {@code .json} twins a JSON error, {@code .csv} twins a
 * line of text. Assets, signing in and out, the admin pages, the API's description and
 * health are left alone. It runs as the first of the handler interceptors, after every
 * filter (security, its headers and no-store for errors); at any other time it lets every
 * request through.
 */
@Component
@ConditionalOnWebApplication
class DemoImportGate implements HandlerInterceptor, WebMvcConfigurer {

	/** Seconds a client is asked to wait, and the page waits before it reloads. */
	static final int RETRY_AFTER_SECONDS = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DemoImportState state;

	// looked up when needed: both come from the MVC configuration this interceptor is
	// part of
	private final ObjectProvider<ThymeleafViewResolver> views;

	private final ObjectProvider<ResourceUrlProvider> resourceUrls;

	DemoImportGate(DemoImportState state, ObjectProvider<ThymeleafViewResolver> views,
			ObjectProvider<ResourceUrlProvider> resourceUrls) {
		this.state = state;
		this.views = views;
		this.resourceUrls = resourceUrls;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this)
			.order(Integer.MIN_VALUE)
			.excludePathPatterns("/assets/**", "/webjars/**", "/login", "/logout", "/admin", "/admin/**", "/error",
					"/actuator", "/actuator/**", "/livez", "/readyz", "/api/docs", "/api/docs/**",
					"/api/swagger-ui/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		DemoImportState.Progress progress = this.state.whileRunning();
		if (progress == null) {
			return true;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		String path = askedFor(request);
		String sentence = progress.sentence() + ". Try again in a few seconds.";
		if (path.startsWith("/api/") || path.endsWith(".json")) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", sentence);
			body.put("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			body.put("percent", progress.percent());
			body.put("answers", progress.answers());
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream().write(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
		}
		else if (path.endsWith(".csv")) {
			PlainText.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, sentence);
		}
		else {
			page(progress, request, response);
		}
		return false;
	}

	private void page(DemoImportState.Progress progress, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("title", "Importing the demo dataset");
		model.put("progress", progress.sentence());
		model.put("percent", progress.percent());
		model.put("reloadSeconds", RETRY_AFTER_SECONDS);
		// the interceptor that lets links to assets carry their content's hash runs after
		// this one, which stops the chain: do its work
		request.setAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR,
				this.resourceUrls.getObject());
		View view = this.views.getObject().resolveViewName("demo/importing", RequestContextUtils.getLocale(request));
		if (view == null) {
			throw new IOException("no template demo/importing");
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		view.render(model, request, response);
	}

	/**
	 * The path the client asked for: twins ({@code /d/demo.json}) reach the handlers
	 * under their page's path, rewritten by a request wrapper.
	 */
	private static String askedFor(HttpServletRequest request) {
		ServletRequest inner = request;
		while (inner instanceof ServletRequestWrapper wrapper) {
			inner = wrapper.getRequest();
		}
		HttpServletRequest original = (inner instanceof HttpServletRequest http) ? http : request;
		return original.getRequestURI().substring(original.getContextPath().length());
	}

}
