package org.misalignment.dashboard.web.admin;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the servlet's limit fails before any controller: say so on the import
 * form.
 */
@ControllerAdvice
class UploadLimit {

	private final WebImport webImport;

	UploadLimit(WebImport webImport) {
		this.webImport = webImport;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	String tooLarge(Model model) {
		model.addAttribute("problem", this.webImport.tooLarge());
		return this.webImport.form(model);
	}

}
