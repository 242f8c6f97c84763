package org.misalignment.dashboard.web.admin;

import org.misalignment.dashboard.store.catalog.DatasetAdmin;
import org.misalignment.dashboard.system.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin}: every dataset, hidden ones too, with hide / show and delete (after a
 * confirmation form). A hidden dataset is gone from public pages and the API; a deleted
 * one is gone with all its answers and flags.
 */
@Controller
class AdminPages {

	private final DatasetAdmin datasets;

	AdminPages(DatasetAdmin datasets) {
		this.datasets = datasets;
	}

	@GetMapping("/admin")
	String list(Model model) {
		model.addAttribute("title", "Admin");
		model.addAttribute("entries", this.datasets.list());
		return "admin/datasets";
	}

	@PostMapping("/admin/datasets/{slug}/hide")
	String hide(@PathVariable String slug, @RequestParam(defaultValue = "true") boolean hidden,
			RedirectAttributes redirect) {
		if (!this.datasets.hide(slug, hidden)) {
			throw new NotFoundException("There is no dataset '" + slug + "'.");
		}
		redirect.addFlashAttribute("done", hidden ? "Dataset '" + slug + "' is hidden from readers."
				: "Dataset '" + slug + "' is shown to readers again.");
		return "redirect:/admin";
	}

	@GetMapping("/admin/datasets/{slug}/delete")
	String confirmDelete(@PathVariable String slug, Model model) {
		DatasetAdmin.Entry found = this.datasets.find(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		model.addAttribute("title", "Delete " + slug);
		model.addAttribute("entry", found);
		return "admin/delete";
	}

	@PostMapping("/admin/datasets/{slug}/delete")
	String delete(@PathVariable String slug, @RequestParam(required = false) String confirm,
			RedirectAttributes redirect) {
		if (!slug.equals(confirm)) {
			redirect.addFlashAttribute("problem", "Type the dataset's slug to confirm; nothing was deleted.");
			redirect.addAttribute("slug", slug);
			return "redirect:/admin/datasets/{slug}/delete";
		}
		if (!this.datasets.delete(slug)) {
			throw new NotFoundException("There is no dataset '" + slug + "'.");
		}
		redirect.addFlashAttribute("done", "Dataset '" + slug + "' is deleted.");
		return "redirect:/admin";
	}

}
