package org.misalignment.dashboard.render.twins;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The URLs of the current page's twins, for templates: {@code ${@twins.json()}},
 * {@code ${@twins.csv('matrix')}}. They keep the page's query (its filters and rule) but
 * not {@code cursor}, since a twin holds every row.
 */
@Component("twins")
public class TwinLinks {

	private static final List<String> PAGE_ONLY = List.of("cursor", "table");

	/**
	 * Whether the page has twins to link to: its record builds one
	 * ({@code ${@twins.offered(page)}}).
	 */
	public boolean offered(Object page) {
		return page instanceof TwinSource;
	}

	public String json() {
		return link(TwinFormat.JSON, null);
	}

	public String csv() {
		return link(TwinFormat.CSV, null);
	}

	/** The CSV of one table of the page (the main one when null). */
	public String csv(String table) {
		return link(TwinFormat.CSV, table);
	}

	private static String link(TwinFormat format, String table) {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
		String path = request.getRequestURI();
		path = (path.equals(request.getContextPath() + "/") ? path + "index" : path) + "." + format.extension();
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path).query(request.getQueryString());
		PAGE_ONLY.forEach((name) -> link.replaceQueryParam(name));
		if (table != null) {
			link.queryParam("table", table);
		}
		return link.build().toUriString();
	}

}
