package org.misalignment.dashboard.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the page's rule, as the query that keeps it ({@code ?aligned_below=40}, only what
 * differs from the default rule; empty for the default), into every page as
 * {@code ruleQuery}: the navigation appends it, so a reader who changed a threshold keeps
 * it from page to page instead of silently falling back to the default.
 */
@ControllerAdvice(annotations = Controller.class)
class RuleQueryModel {

	@ModelAttribute("ruleQuery")
	String ruleQuery(HttpServletRequest request) {
		Rule rule;
		try {
			rule = RuleParameters.parse(request::getParameter);
		}
		catch (IllegalArgumentException ex) {
			// the page that reads the rule says what is wrong; links fall back to the
			// default
			return "";
		}
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		for (Map.Entry<String, String> parameter : RuleParameters.changedQuery(rule).entrySet()) {
			query.add(parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
		}
		return query.toString();
	}

}
