package org.misalignment.dashboard.render.twins;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * For a twin request ({@link TwinPaths}), swaps the page's template for its {@link Twin},
 * built by the page's record ({@link TwinSource}) and written as JSON or CSV; a redirect
 * (say, to a URL with a fresh seed) goes to the twin of the page it redirects to.
 */
class TwinViews implements HandlerInterceptor {

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		TwinFormat format = (TwinFormat) request.getAttribute(TwinFormat.ATTRIBUTE);
		if (format == null || page == null) {
			return;
		}
		String viewName = page.getViewName();
		if (viewName != null && viewName.startsWith("redirect:")) {
			page.setViewName(twinOf(viewName, format));
			return;
		}
		Twin twin = PageRecords.of(page.getModel(), TwinSource.class)
			.map(TwinSource::twin)
			.orElseThrow(() -> new NotFoundException("This page has no ." + format.extension() + " twin."));
		// an unknown ?table= is said here, where the page's error handling still answers
		// it
		twin.chosen(request.getParameter("table"));
		page.setView(new TwinView(format, twin));
	}

	/** {@code redirect:/d/x/explore?…} becomes {@code redirect:/d/x/explore.json?…}. */
	static String twinOf(String redirect, TwinFormat format) {
		int query = redirect.indexOf('?');
		int end = (query < 0) ? redirect.length() : query;
		String path = redirect.substring(0, end);
		if (path.equals("redirect:/")) {
			path = "redirect:/index";
		}
		return path + "." + format.extension() + redirect.substring(end);
	}

}
