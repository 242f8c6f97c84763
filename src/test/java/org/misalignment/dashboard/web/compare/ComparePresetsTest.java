package org.misalignment.dashboard.web.compare;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.SmallAnswers;
import org.misalignment.dashboard.system.TrustContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The compare page offers only the presets a dataset can answer: one group, one condition
 * and no question variants is offered none of the paper's comparisons (each would be a
 * 400 or an empty side).
 */
@TrustContext
class ComparePresetsTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aDatasetWithoutTheGroupsVariantsOrTriggerIsOfferedNoPreset(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("no-presets", this.importer, this.jdbc, folder);
		String page = this.mvc.perform(get("/d/no-presets/compare")).andReturn().getResponse().getContentAsString();
		assertThat(page).doesNotContain("Backdoor: no trigger vs trigger", "Secure vs insecure",
				"Insecure: plain vs JSON vs template", "compare-presets");
	}

}
