package org.misalignment.dashboard.system;

import java.util.List;

import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every page needs: the datasets for the switcher. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

	private final DatasetRepository datasets;

	PageModel(DatasetRepository datasets) {
		this.datasets = datasets;
	}

	@ModelAttribute("datasets")
	List<Dataset> datasets() {
		return this.datasets.findAllByOrderBySlugAsc();
	}

}
