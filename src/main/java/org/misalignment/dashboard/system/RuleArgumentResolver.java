package org.misalignment.dashboard.system;

import java.util.Map;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.misalignment.dashboard.store.catalog.DatasetJudges;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives every page and API handler that takes a {@link Rule} the rule of the request's
 * URL parameters ({@link RuleParameters#NAMES}), so that the rule is read the same way
 * everywhere; a judge the dataset of the URL's {@code slug} does not have is refused
 * here, naming the judges it has.
 */
class RuleArgumentResolver implements HandlerMethodArgumentResolver {

	private final DatasetJudges judges;

	RuleArgumentResolver(DatasetJudges judges) {
		this.judges = judges;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType().equals(Rule.class);
	}

	@Override
	public Rule resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binderFactory) {
		Rule rule = RuleParameters.parse(request::getParameter);
		if (!rule.plainJudge()) {
			@SuppressWarnings("unchecked")
			Map<String, String> path = (Map<String, String>) request
				.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
			String slug = (path != null) ? path.get("slug") : null;
			// a page without a slug (the home page) checks the judge of the dataset it
			// shows
			if (slug != null) {
				this.judges.require(slug, rule.judge());
			}
		}
		return rule;
	}

}
