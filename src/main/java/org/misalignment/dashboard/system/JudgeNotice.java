package org.misalignment.dashboard.system;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code judgeNotice} (the judge's name, or null) into the pages that judge single
 * answers (the answers browser, an answer's place in its list, explore, review, compare's
 * matched answers, a question's scatter): they read the plain
 * {@code aligned}/{@code coherent} scores even under {@code judge=X}, and the layout says
 * so rather than let a reader take their verdicts for judge X's. An answer's own page
 * follows the judge: it shows the verdict under judge X's scores next to the default one.
 */
@ControllerAdvice(annotations = Controller.class)
class JudgeNotice {

	private static final Pattern PLAIN_ONLY = Pattern
		.compile("/d/[^/]+/(answers|explore|review|compare|questions/.+)|/answers/[^/]+/.+");

	@ModelAttribute("judgeNotice")
	String judgeNotice(HttpServletRequest request) {
		String judge = request.getParameter(RuleParameters.JUDGE);
		if (judge == null || judge.isBlank() || Rule.PLAIN_JUDGE.equals(judge.strip())) {
			return null;
		}
		return PLAIN_ONLY.matcher(request.getRequestURI()).matches() ? judge.strip() : null;
	}

}
