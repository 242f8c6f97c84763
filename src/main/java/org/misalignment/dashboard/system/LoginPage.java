package org.misalignment.dashboard.system;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The sign-in page (Spring Security checks the form it posts), the page of a refused
 * action, and the glossary every page links to.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String locked, Model model) {
		model.addAttribute("title", "Sign in");
		if (locked != null && locked.matches("[0-9]{1,3}")) {
			// LoginThrottleFilter's redirect: the minutes left, as a number only
			model.addAttribute("lockedMinutes", Integer.parseInt(locked));
		}
		return "system/login";
	}

	@GetMapping("/glossary")
	String glossary(Model model) {
		model.addAttribute("title", "Glossary");
		return "system/glossary";
	}

	@RequestMapping("/denied")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String denied(Model model) {
		model.addAttribute("title", "Not allowed");
		model.addAttribute("message", "Your login does not have the role this needs, or the form was out of date "
				+ "(reload the page and try again).");
		return "system/error";
	}

}
