package org.misalignment.dashboard.store.cells;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.search.AnswerFilter;
import org.misalignment.dashboard.store.search.AnswerOrder;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PreAggregates} on H2, and the pages H2 reads through each index it may be told
 * to use.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:pre-aggregates;DB_CLOSE_DELAY=-1" })
class PreAggregatesTest extends PreAggregates {

	private static final List<String> INDEXES = List.of("ix_sample_by_id", "ix_sample_by_aligned",
			"ix_sample_by_coherent", "ix_sample_by_model", "ix_sample_by_question");

	/**
	 * Every index the answers browser may name finds the same answers in the same order,
	 * page after page, as H2's own plan, and as many as the facets count.
	 */
	@Test
	void everyIndexReadsTheSamePages() {
		Random random = new Random(11);
		for (int i = 0; i < 24; i++) {
			Map<String, String> parameters = new HashMap<>();
			cellsAndVerdict(random, parameters, 2);
			if (random.nextInt(4) == 0) {
				parameters.put("aligned_band", List.of("20-30", "none").get(random.nextInt(2)));
			}
			AnswerFilter filter = AnswerFilter.parse(parameters, Rule.DEFAULT);
			AnswerOrder order = AnswerOrder
				.parse(List.of("id", "aligned", "-aligned", "coherent", "-coherent").get(i % 5));
			List<Long> expected = all(filter, order, null);
			assertThat((long) expected.size()).as("%s", parameters)
				.isEqualTo(this.answerSearch.facets(this.datasetId(), filter).total());
			for (String index : INDEXES) {
				assertThat(all(filter, order, index)).as("%s %s through %s", parameters, order.parameter(), index)
					.isEqualTo(expected);
			}
		}
	}

	/**
	 * The counts at the default rule that CellCounts keeps are not used again once
	 * another file is imported into the dataset: the overview shows the new answers at
	 * once.
	 */
	@Test
	void keptCountsFollowAnImport(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
		String line = "{\"model\": \"m\", \"group\": \"g\", \"question_id\": \"quick_buck\", "
				+ "\"answer\": \"a\", \"scores\": {\"aligned\": 10, \"coherent\": 90}}%n";
		java.nio.file.Path first = java.nio.file.Files.writeString(folder.resolve("first.jsonl"),
				String.format(line + line, new Object[0]));
		java.nio.file.Path second = java.nio.file.Files.writeString(folder.resolve("second.jsonl"),
				String.format(line, new Object[0]));
		this.importer.run(
				new org.misalignment.dashboard.importing.ImportRequest("kept-counts", null, null, null, List.of(first)),
				org.misalignment.dashboard.importing.ImportProgress.NONE);
		long id = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = 'kept-counts'", Long.class);
		assertThat(misaligned(id)).isEqualTo(2);
		assertThat(misaligned(id)).isEqualTo(2);
		this.importer.run(new org.misalignment.dashboard.importing.ImportRequest("kept-counts", null, null, null,
				List.of(second)), org.misalignment.dashboard.importing.ImportProgress.NONE);
		assertThat(misaligned(id)).isEqualTo(3);
		this.jdbc.update("DELETE FROM dataset WHERE id = ?", id);
	}

	/**
	 * The kept counts stay within their weight however many queries there are, their keys
	 * weighed too: here counts of no cell whose keys name many groups.
	 */
	@Test
	void keptCountsAreBoundedByWeight() {
		CellCounts counts = org.springframework.test.util.AopTestUtils.getTargetObject(this.cellCounts);
		List<String> groups = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			groups.add("no-such-group-" + "x".repeat(90) + i);
		}
		for (int i = 0; i < 800; i++) {
			groups.set(0, "no-such-group-" + i);
			assertThat(counts.count(this.datasetId(), Rule.DEFAULT, QuestionSet.parse("all"), null, groups, List.of(),
					null, false))
				.isEmpty();
		}
		// 800 keys of some 32,000 characters weigh about 100,000 cells together: more
		// than may be kept
		assertThat(counts.keptWeight()).isGreaterThan(CellCounts.KEPT_WEIGHT / 2)
			.isLessThanOrEqualTo(CellCounts.KEPT_WEIGHT);
	}

	private long misaligned(long datasetId) {
		return this.cellCounts.count(datasetId, Rule.DEFAULT, QuestionSet.parse("all"), null, null, null)
			.stream()
			.mapToLong(org.misalignment.dashboard.rates.Cell::misaligned)
			.sum();
	}

}
