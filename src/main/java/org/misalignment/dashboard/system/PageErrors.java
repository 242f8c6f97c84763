package org.misalignment.dashboard.system;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Errors on pages: a page that says what went wrong and where to go, never a stack trace.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException ex, Model model) {
		model.addAttribute("title", "Not found");
		model.addAttribute("message", ex.getMessage());
		return "system/error";
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badParameter(IllegalArgumentException ex, Model model) {
		model.addAttribute("title", "That link has a parameter we cannot use");
		model.addAttribute("message", ex.getMessage());
		return "system/error";
	}

}
