package org.misalignment.dashboard.web.review;

import java.security.Principal;

import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.system.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A reviewer sets or clears their flag on an answer (the form on the answer page);
 * REVIEWER role only.
 */
@Controller
class FlagController {

	private final ReviewerFlags flags;

	FlagController(ReviewerFlags flags) {
		this.flags = flags;
	}

	@PostMapping("/answers/{id}/flags")
	String flag(@PathVariable long id, @RequestParam(required = false) String label,
			@RequestParam(required = false) String note, @RequestParam(required = false) String clear,
			Principal reviewer, RedirectAttributes redirect) {
		long dataset = this.flags.datasetOfVisible(id)
			.orElseThrow(() -> new NotFoundException("There is no answer #" + id + "."));
		if (clear != null) {
			this.flags.clear(id, reviewer.getName());
			redirect.addFlashAttribute("flagMessage", "Your flag is cleared.");
			// the page says it in the reader's language: "" for cleared, else the label
			redirect.addFlashAttribute("flagged", "");
		}
		else {
			FlagLabel chosen = FlagLabel.of(label)
				.orElseThrow(() -> new IllegalArgumentException(
						"label must be judge_wrong, refusal, code or notable, got '" + label + "'"));
			if (note != null && note.length() > ReviewerFlags.NOTE_LIMIT) {
				throw new IllegalArgumentException("a note has at most " + ReviewerFlags.NOTE_LIMIT + " characters");
			}
			this.flags.set(id, dataset, reviewer.getName(), chosen, note);
			redirect.addFlashAttribute("flagMessage", "Flagged as " + chosen.text() + ".");
			redirect.addFlashAttribute("flagged", chosen.parameter());
		}
		redirect.addAttribute("id", id);
		return "redirect:/answers/{id}#flags";
	}

}
