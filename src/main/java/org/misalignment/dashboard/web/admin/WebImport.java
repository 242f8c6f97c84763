package org.misalignment.dashboard.web.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.importing.Catalog;
import org.misalignment.dashboard.importing.CheckedFile;
import org.misalignment.dashboard.importing.FileDefaults;
import org.misalignment.dashboard.importing.Formats;
import org.misalignment.dashboard.importing.ImportException;
import org.misalignment.dashboard.importing.ImportJobs;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.InspectOptions;
import org.misalignment.dashboard.importing.Manifest;
import org.misalignment.dashboard.store.imports.ImportJobRows;
import org.misalignment.dashboard.system.NotFoundException;
import org.yaml.snakeyaml.nodes.Node;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /admin/import}: an admin uploads result files (CSV, JSONL, question YAML, or a
 * manifest with its files) with the command line's options, or imports a dataset of the
 * catalog with one click; the import runs in the background ({@link ImportJobs}) and
 * {@code /admin/import/{id}} shows its progress, result or {@code PATH:LINE: problem},
 * and can cancel it.
 */
@Controller
class WebImport {

	private final ImportJobs jobs;

	private final Catalog catalog;

	private final DataSize maxUpload;

	WebImport(ImportJobs jobs, Catalog catalog,
			@Value("${dashboard.import.max-upload-size:512MB}") DataSize maxUpload) {
		this.jobs = jobs;
		this.catalog = catalog;
		this.maxUpload = maxUpload;
	}

	@GetMapping("/admin/import")
	String form(Model model) {
		model.addAttribute("title", "Import");
		model.addAttribute("maxUpload", this.maxUpload.toString());
		model.addAttribute("catalog", Catalog.entries());
		model.addAttribute("latest", this.jobs.latest(20));
		return "importing/form";
	}

	/**
	 * One click on a catalog dataset: its files are downloaded, verified and imported in
	 * the background, as an upload is.
	 */
	@PostMapping("/admin/import/catalog")
	String importCatalog(@RequestParam(required = false) String name, Principal admin, Model page) throws IOException {
		if (name == null || Catalog.find(name).isEmpty()) {
			page.addAttribute("problem", "The catalog has no dataset '" + name + "'.");
			return form(page);
		}
		Path folder = Files.createTempDirectory("dashboard-catalog-");
		boolean started = false;
		try {
			long id = this.jobs.start(this.catalog.request(name, null, folder), folder, "catalog: " + name,
					admin.getName());
			started = true; // the job removes the folder when it ends
			return "redirect:/admin/import/" + id;
		}
		finally {
			if (!started) {
				ImportJobs.delete(folder);
			}
		}
	}

	@PostMapping("/admin/import")
	String upload(@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(required = false) String dataset, @RequestParam(required = false) String model,
			@RequestParam(required = false) String group, @RequestParam(required = false) String condition,
			@RequestParam(required = false) String aligned, @RequestParam(required = false) String coherent,
			@RequestParam(name = "allow_incomplete", required = false) boolean allowIncomplete, Principal admin,
			Model page) throws IOException {
		List<MultipartFile> chosen = (files == null) ? List.of()
				: files.stream()
					.filter((file) -> !file.isEmpty()
							|| file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
					.toList();
		String slug = blankToNull(dataset);
		String problem = null;
		if (chosen.isEmpty()) {
			problem = "Choose at least one file to import.";
		}
		else if (slug != null && !ImportRequest.isSlug(slug)) {
			problem = "The dataset '" + slug + "' is not a slug: lower-case letters, digits, '-', '_' and '.'.";
		}
		else if (chosen.stream().mapToLong(MultipartFile::getSize).sum() > this.maxUpload.toBytes()) {
			problem = tooLarge();
		}
		// Inspect logs: which of the log's metrics the rule reads, as --metric and
		// --allow-incomplete
		InspectOptions inspect = allowIncomplete ? InspectOptions.NONE.allowingIncomplete() : InspectOptions.NONE;
		if (blankToNull(aligned) != null) {
			inspect = inspect.withMetric("aligned=" + aligned.strip());
		}
		if (blankToNull(coherent) != null) {
			inspect = inspect.withMetric("coherent=" + coherent.strip());
		}
		if (problem != null) {
			page.addAttribute("problem", problem);
			return form(page);
		}
		Path folder = Files.createTempDirectory("dashboard-import-");
		List<Path> saved = new ArrayList<>();
		List<String> names = new ArrayList<>();
		boolean started = false;
		try {
			for (MultipartFile file : chosen) {
				String name = safeName(file.getOriginalFilename());
				Path target = folder.resolve(name).normalize();
				Files.createDirectories(target.getParent());
				try (InputStream in = file.getInputStream()) {
					Files.copy(in, target);
				}
				saved.add(target);
				names.add(name);
			}
			List<Path> paths = pathsToImport(folder, saved);
			ImportRequest request = new ImportRequest(slug,
					new FileDefaults(blankToNull(model), blankToNull(group), blankToNull(condition)), paths, inspect);
			long id = this.jobs.start(request, folder, String.join(", ", names), admin.getName());
			started = true; // the job removes the folder when it ends
			return "redirect:/admin/import/" + id;
		}
		catch (ImportException | IOException | RuntimeException ex) {
			page.addAttribute("problem", ImportJobs.uploaded(String.valueOf(ex.getMessage()), folder));
			return form(page);
		}
		finally {
			if (!started) {
				ImportJobs.delete(folder);
			}
		}
	}

	@GetMapping("/admin/import/{id}")
	String progress(@PathVariable long id, Model model) {
		ImportJobRows.Job job = this.jobs.find(id)
			.orElseThrow(() -> new NotFoundException("There is no import #" + id + "."));
		model.addAttribute("title", "Import #" + id);
		model.addAttribute("job", job);
		return "importing/progress";
	}

	@GetMapping(path = "/admin/import/{id}/status", produces = "application/json")
	@ResponseBody
	ResponseEntity<Map<String, Object>> status(@PathVariable long id) {
		return this.jobs.find(id).map((job) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", job.id());
			json.put("state", job.state());
			json.put("answers", job.answers());
			json.put("bytes_read", job.bytesRead());
			json.put("bytes_total", job.bytesTotal());
			json.put("percent", job.percent());
			json.put("cancel_requested", job.cancelRequested());
			json.put("message", job.message());
			return ResponseEntity.ok(json);
		}).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no import #" + id)));
	}

	@PostMapping("/admin/import/{id}/cancel")
	String cancel(@PathVariable long id) {
		this.jobs.find(id).orElseThrow(() -> new NotFoundException("There is no import #" + id + "."));
		this.jobs.cancel(id);
		return "redirect:/admin/import/" + id;
	}

	String tooLarge() {
		return "The files are larger than this site accepts in one upload (" + this.maxUpload
				+ "; dashboard.import.max-upload-size). Import them with the command line, or in parts.";
	}

	/**
	 * A manifest among the files is the import (files it does not name are left out); its
	 * files are looked up beside it, or among the uploaded files by name, and never
	 * outside the upload.
	 */
	private static List<Path> pathsToImport(Path folder, List<Path> saved) throws ImportException, IOException {
		List<Path> manifests = new ArrayList<>();
		for (Path path : saved) {
			if (Formats.isYaml(path)) {
				CheckedFile.check(path);
				Node root = Formats.yaml(path);
				if (Manifest.looksLikeManifest(root)) {
					manifests.add(path);
					placeManifestFiles(folder, path, saved);
				}
			}
		}
		return manifests.isEmpty() ? saved : manifests;
	}

	private static void placeManifestFiles(Path folder, Path manifest, List<Path> saved)
			throws ImportException, IOException {
		List<String> named = Manifest.namedPaths(manifest, Formats.yaml(manifest));
		for (String relative : named) {
			Path target = manifest.getParent().resolve(relative).normalize();
			if (!target.startsWith(folder)) {
				throw new ImportException(folder.relativize(manifest).toString(), 1, "'" + relative
						+ "' is outside the uploaded files; a manifest imported from the web may only name files uploaded with it");
			}
			if (!Files.exists(target)) {
				for (Path upload : saved) {
					if (upload.getFileName().equals(target.getFileName())) {
						Files.createDirectories(target.getParent());
						Files.copy(upload, target);
						break;
					}
				}
			}
		}
	}

	/**
	 * The uploaded name, or its path within an uploaded folder, made safe to use under
	 * the upload folder.
	 */
	static String safeName(String original) {
		List<String> parts = new ArrayList<>();
		for (String part : String.valueOf(original).split("[/\\\\]")) {
			String cleaned = part.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
			if (!cleaned.isEmpty() && !cleaned.equals(".") && !cleaned.equals("..")) {
				parts.add(cleaned);
			}
		}
		if (parts.isEmpty()) {
			return "upload";
		}
		return String.join("/", parts.subList(Math.max(0, parts.size() - 5), parts.size()));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
