package org.misalignment.dashboard.web.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.misalignment.dashboard.system.NotFoundException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin}: every dataset, hidden ones too, with hide / show and delete (after a confirmation form).
 * A hidden dataset is gone from public pages and the API; a deleted one is gone with all its answers and flags.
 */
@Controller
class AdminPages {

	private final JdbcTemplate jdbc;

	AdminPages(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A dataset as the admin list shows it. */
	record Entry(String slug, String title, boolean hidden, long answers, OffsetDateTime importedAt) {
	}

	@GetMapping("/admin")
	String list(Model model) {
		model.addAttribute("title", "Admin");
		model.addAttribute("entries", this.jdbc.query("SELECT d.slug, d.title, d.hidden, d.imported_at, "
				+ "(SELECT COALESCE(SUM(f.answers), 0) FROM dataset_file f WHERE f.dataset_id = d.id) "
				+ "FROM dataset d ORDER BY d.slug",
				(row, n) -> new Entry(row.getString(1), row.getString(2), row.getBoolean(3), row.getLong(5),
						row.getTimestamp(4).toInstant().atOffset(ZoneOffset.UTC))));
		return "admin/datasets";
	}

	@PostMapping("/admin/datasets/{slug}/hide")
	String hide(@PathVariable String slug, @RequestParam(defaultValue = "true") boolean hidden,
			RedirectAttributes redirect) {
		if (this.jdbc.update("UPDATE dataset SET hidden = ? WHERE slug = ?", hidden, slug) == 0) {
			throw new NotFoundException("There is no dataset '" + slug + "'.");
		}
		redirect.addFlashAttribute("done", hidden ? "Dataset '" + slug + "' is hidden from readers."
				: "Dataset '" + slug + "' is shown to readers again.");
		return "redirect:/admin";
	}

	@GetMapping("/admin/datasets/{slug}/delete")
	String confirmDelete(@PathVariable String slug, Model model) {
		List<Entry> found = this.jdbc.query("SELECT d.slug, d.title, d.hidden, d.imported_at, "
				+ "(SELECT COALESCE(SUM(f.answers), 0) FROM dataset_file f WHERE f.dataset_id = d.id) "
				+ "FROM dataset d WHERE d.slug = ?",
				(row, n) -> new Entry(row.getString(1), row.getString(2), row.getBoolean(3), row.getLong(5),
						row.getTimestamp(4).toInstant().atOffset(ZoneOffset.UTC)), slug);
		if (found.isEmpty()) {
			throw new NotFoundException("There is no dataset '" + slug + "'.");
		}
		model.addAttribute("title", "Delete " + slug);
		model.addAttribute("entry", found.get(0));
		return "admin/delete";
	}

	@PostMapping("/admin/datasets/{slug}/delete")
	@Transactional
	String delete(@PathVariable String slug, @RequestParam(required = false) String confirm,
			RedirectAttributes redirect) {
		if (!slug.equals(confirm)) {
			redirect.addFlashAttribute("problem", "Type the dataset's slug to confirm; nothing was deleted.");
			redirect.addAttribute("slug", slug);
			return "redirect:/admin/datasets/{slug}/delete";
		}
		// answers, scores, files, models, questions and flags go with it (ON DELETE CASCADE)
		if (this.jdbc.update("DELETE FROM dataset WHERE slug = ?", slug) == 0) {
			throw new NotFoundException("There is no dataset '" + slug + "'.");
		}
		redirect.addFlashAttribute("done", "Dataset '" + slug + "' is deleted.");
		return "redirect:/admin";
	}

}
