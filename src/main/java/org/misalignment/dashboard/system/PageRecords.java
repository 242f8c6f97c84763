package org.misalignment.dashboard.system;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.springframework.ui.Model;
import org.springframework.ui.ModelMap;
import org.springframework.util.ReflectionUtils;

/**
 * Shows a page's one typed record: puts the record into the model as {@code page}, where
 * the page's twins, embed and images find it through the interfaces it implements, and
 * each of its components under the component's name, which is what the page's template
 * reads ({@code ${rows}} is the record's {@code rows()}).
 *
 * <p>
 * Components rather than {@code ${page.rows}} in the templates: the templates and the
 * fragments several pages share (the layout, the rule's form, the catalog's rate cells,
 * the share panel) stay as they were, so the HTML cannot drift, and a fragment reads
 * {@code dataset} and {@code rule} whichever page includes it. The names are still the
 * record's alone: nothing else puts page data into the model, and renaming a component
 * renames what its template reads.
 */
public final class PageRecords {

	/** The model attribute that holds the page's record. */
	public static final String ATTRIBUTE = "page";

	/** Whether the page draws charts (the layout then loads Chart.js). */
	public static final String DRAWS_CHARTS = "drawsCharts";

	private PageRecords() {
	}

	/**
	 * Puts the record and its components into the model.
	 * @return the template, so that a handler can
	 * {@code return PageRecords.show(model, page, "overview/overview")}
	 */
	public static String show(Model model, Record page, String template) {
		return show(model::addAttribute, page, template);
	}

	/**
	 * Puts the record and its components into the model of a handler that takes a
	 * {@link ModelMap}.
	 */
	public static String show(ModelMap model, Record page, String template) {
		return show(model::addAttribute, page, template);
	}

	private static String show(BiConsumer<String, Object> model, Record page, String template) {
		model.accept(ATTRIBUTE, page);
		model.accept(DRAWS_CHARTS, page instanceof DrawsCharts);
		for (RecordComponent component : page.getClass().getRecordComponents()) {
			Method accessor = component.getAccessor();
			// page records are package-private, in the package of their page
			ReflectionUtils.makeAccessible(accessor);
			model.accept(component.getName(), ReflectionUtils.invokeMethod(accessor, page));
		}
		return template;
	}

	/** The record a handler showed, when it is of that type (a page's twin, chart, …). */
	public static <T> Optional<T> of(Map<String, ?> model, Class<T> type) {
		Object page = model.get(ATTRIBUTE);
		return type.isInstance(page) ? Optional.of(type.cast(page)) : Optional.empty();
	}

}
