package org.misalignment.dashboard.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.ui.ModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A page's record as its template, its twins and its embed find it in the model. */
class PageRecordsTest {

	interface Charted {

		String chartJson();

	}

	record Shown(String title, List<Integer> rows, String chartJson, String condition) implements Charted {
	}

	@Test
	void theTemplateReadsEveryComponentUnderItsNameAndTheRecordAsPage() {
		Model model = new ExtendedModelMap();
		Shown page = new Shown("Questions", List.of(1, 2), "{}", null);
		assertThat(PageRecords.show(model, page, "catalog/questions")).isEqualTo("catalog/questions");
		assertThat(model.asMap()).containsEntry("page", page)
			.containsEntry("title", "Questions")
			.containsEntry("rows", List.of(1, 2))
			.containsEntry("chartJson", "{}")
			.containsEntry("condition", null);
	}

	@Test
	void twinsAndEmbedsFindTheRecordByWhatItIs() {
		ModelMap model = new ModelMap();
		PageRecords.show(model, new Shown("Questions", List.of(), "{}", null), "catalog/questions");
		assertThat(PageRecords.of(model, Charted.class)).map(Charted::chartJson).contains("{}");
		assertThat(PageRecords.of(model, Runnable.class)).isEmpty();
		assertThat(PageRecords.of(new ModelMap(), Charted.class)).isEmpty();
	}

}
