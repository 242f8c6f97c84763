package org.misalignment.dashboard.render.share;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * When {@link EmbedController} has forwarded to a page, shows that page's chart as an
 * embed or image instead of the whole page, from the record the page's handler built
 * ({@link EmbeddableChart}).
 */
class EmbedInterceptor implements HandlerInterceptor {

	private final ChartWords words;

	EmbedInterceptor(ChartWords words) {
		this.words = words;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if (!(request.getAttribute(EmbedRequest.ATTRIBUTE) instanceof EmbedRequest embed)
				|| request.getDispatcherType() != DispatcherType.FORWARD || page == null
				|| (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
			return;
		}
		EmbeddableChart shown = PageRecords.of(page.getModel(), EmbeddableChart.class)
			.orElseThrow(() -> new NotFoundException("This page has no chart to embed."));
		EmbeddedChart chart = EmbeddedChart.of(embed.address().kind(), shown, request.getParameter("condition"),
				request.getParameter("version"), this.words);
		if (embed.address().image()) {
			page.setView(new ChartImageView(chart, embed));
		}
		else {
			page.setViewName("share/embed");
			page.addObject("embed", chart);
			page.addObject("theme", embed.theme().id());
			page.addObject("pageUrl",
					SharePanels.absolute(embed.address().as(ChartAddress.Format.PAGE), request, false));
		}
	}

}
