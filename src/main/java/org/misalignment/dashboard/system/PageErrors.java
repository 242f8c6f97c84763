package org.misalignment.dashboard.system;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Errors on pages: a page that says what went wrong and where to go, never a stack trace.
 * The title is in the reader's language; the detail, written where the error arose, is
 * English.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

	private final MessageSource messages;

	PageErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException ex, Model model) {
		model.addAttribute("title", this.messages.getMessage("error.notFound", null, LocaleContextHolder.getLocale()));
		model.addAttribute("message", ex.getMessage());
		return "system/error";
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badParameter(IllegalArgumentException ex, Model model) {
		model.addAttribute("title",
				this.messages.getMessage("error.badParameter", null, LocaleContextHolder.getLocale()));
		model.addAttribute("message", ex.getMessage());
		return "system/error";
	}

}
