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
 * The title is in the reader's language, and so is the detail, written in English where
 * the error arose and put in the reader's language by {@link Sentences} (the API's JSON
 * errors keep the English).
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

	private final MessageSource messages;

	private final Sentences sentences;

	PageErrors(MessageSource messages, Sentences sentences) {
		this.messages = messages;
		this.sentences = sentences;
	}

	/** The detail, written in English where the error arose, in the reader's language. */
	private String detail(RuntimeException ex) {
		return this.sentences.of(ex.getMessage(), "sentence.unknownError");
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException ex, Model model) {
		model.addAttribute("title", this.messages.getMessage("error.notFound", null, LocaleContextHolder.getLocale()));
		model.addAttribute("message", detail(ex));
		return "system/error";
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badParameter(IllegalArgumentException ex, Model model) {
		model.addAttribute("title",
				this.messages.getMessage("error.badParameter", null, LocaleContextHolder.getLocale()));
		model.addAttribute("message", detail(ex));
		return "system/error";
	}

}
