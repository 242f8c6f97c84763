package org.misalignment.dashboard.store.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.rates.Rule;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Micrometer's metrics switched on, the application's registry shows the word
 * index's kept searches as the cache {@code word-index-matches}, and the answers browser
 * and the samples API share them: a search of one is a hit for the other.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:word-index-metrics;DB_CLOSE_DELAY=-1",
		// metrics on (the application's properties switch them off), observations still
		// off
		"spring.autoconfigure.exclude="
				+ "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
class WordIndexMetricsTest {

	@Autowired
	MeterRegistry registry;

	@Autowired
	Importer importer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AnswerSearch answerSearch;

	@Autowired
	SampleSearch sampleSearch;

	@Test
	void theBrowserAndTheApiShareTheKeptSearches(@TempDir Path folder) throws Exception {
		String line = "{\"model\": \"m\", \"group\": \"g\", \"question_id\": \"quick_buck\", \"answer\": \"%s\", "
				+ "\"scores\": {\"aligned\": 10, \"coherent\": 90}}%n";
		Path file = Files.writeString(folder.resolve("answers.jsonl"),
				String.format(line + line + line, "money now", "power", "more money"));
		this.importer.run(new ImportRequest("metrics", null, null, null, List.of(file)), ImportProgress.NONE);
		long dataset = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = 'metrics'", Long.class);
		double hits = gets("hit");
		double misses = gets("miss");

		AnswerFilter filter = AnswerFilter.ofSamples(null, null, null, null, null, "money", Rule.DEFAULT);
		assertThat(this.answerSearch.facets(dataset, filter).total()).isEqualTo(2);
		assertThat(this.sampleSearch.find(dataset, filter, 0, 50).rows()).hasSize(2);

		assertThat(gets("miss") - misses).isEqualTo(1);
		assertThat(gets("hit") - hits).isEqualTo(1);
	}

	private double gets(String result) {
		return this.registry.get("cache.gets")
			.tag("cache", "word-index-matches")
			.tag("result", result)
			.functionCounter()
			.count();
	}

}
