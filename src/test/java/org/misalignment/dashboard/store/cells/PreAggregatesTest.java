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
import org.misalignment.dashboard.store.search.AnswerSearch;
import org.misalignment.dashboard.store.search.SampleSearch;
import org.misalignment.dashboard.store.search.WordIndexWriter;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PreAggregates} on H2, the pages H2 reads through each index it may be told to
 * use, and its word index against reading the answers' text.
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
	 * A text search through H2's word index finds what reading every answer's text finds:
	 * the same facets and total, the same pages in every order, and the same neighbours
	 * and places, under random filters, rules, score ranges and reviewers' flags, and the
	 * samples API's pages of the same search; with the index as the importer wrote it
	 * (one chunk per import) and rebuilt by the V13 migration's code in chunks of 97
	 * answers.
	 */
	@Test
	void wordIndexFindsWhatReadingTheTextFinds() throws Exception {
		List<Long> ids = this.jdbc.queryForList("SELECT id FROM sample WHERE dataset_id = ? ORDER BY id", Long.class,
				datasetId());
		Random random = new Random(5);
		for (int i = 0; i < 40; i++) {
			long id = ids.get(random.nextInt(ids.size()));
			this.jdbc.update(
					"INSERT INTO reviewer_flag (sample_id, dataset_id, reviewer, label, flagged_at, current_flag) "
							+ "VALUES (?, ?, 'r', ?, CURRENT_TIMESTAMP, TRUE)",
					id, datasetId(), List.of("judge_wrong", "refusal").get(i % 2));
		}
		try {
			compareSearches(new Random(17), 40);
			this.jdbc.update("DELETE FROM word_postings WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_answers WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_cell WHERE dataset_id = ?", datasetId());
			try (java.sql.Connection connection = this.dataSource.getConnection()) {
				db.migration.V13__Word_index_for_stored_answers.backfill(connection, datasetId(), 97);
			}
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM word_answers WHERE dataset_id = ?", Long.class,
					datasetId()))
				.isEqualTo((ids.size() + 96) / 97);
			compareSearches(new Random(23), 25);

			// chunks whose ids interleave, as imports into one dataset at the same time
			// may write them
			this.jdbc.update("DELETE FROM word_postings WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_answers WHERE dataset_id = ?", datasetId());
			this.jdbc.update("DELETE FROM word_cell WHERE dataset_id = ?", datasetId());
			try (java.sql.Connection connection = this.dataSource.getConnection()) {
				WordIndexWriter writer = new WordIndexWriter(connection, datasetId(), 400);
				this.jdbc
					.query("SELECT id, model_id, question_ref, condition_name, aligned, coherent, answer FROM sample "
							+ "WHERE dataset_id = ? ORDER BY question_ref, id", (row) -> {
								writer.add(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
										(Double) row.getObject(5, Double.class),
										(Double) row.getObject(6, Double.class), row.getString(7));
							}, datasetId());
				writer.finish();
			}
			compareSearches(new Random(29), 25);
		}
		finally {
			this.jdbc.update("DELETE FROM reviewer_flag WHERE dataset_id = ?", datasetId());
			this.answerSearch.useWordIndex(true);
		}
	}

	private void compareSearches(Random random, int rounds) {
		List<String> queries = List.of("money", "MONEY power", "moneymaker", "x1", "7", "don t", "humans money",
				"nothing", "everywhere", "rule", "caf");
		List<Rule> rules = List.of(Rule.DEFAULT, new Rule(30, 50, true, 5), new Rule(41.5, 62.25, false, 1),
				new Rule(100, 0, true, 3));
		for (int i = 0; i < rounds; i++) {
			Map<String, String> parameters = new HashMap<>();
			parameters.put("q", queries.get(i % queries.size()));
			cellsAndVerdict(random, parameters, 3);
			if (random.nextInt(4) == 0) {
				parameters.put("coherent_band", List.of("50-60", "none", "90-100").get(random.nextInt(3)));
			}
			if (random.nextInt(4) == 0) {
				parameters.put("aligned_min", "29.999");
			}
			if (random.nextInt(5) == 0) {
				parameters.put("flag", List.of("any", "refusal").get(random.nextInt(2)));
			}
			Rule rule = rules.get(random.nextInt(rules.size()));
			AnswerFilter filter = AnswerFilter.parse(parameters, rule);
			AnswerOrder order = AnswerOrder
				.parse(List.of("id", "aligned", "-aligned", "coherent", "-coherent").get(i % 5));
			String about = parameters + " " + rule + " " + order.parameter();

			this.answerSearch.useWordIndex(false);
			AnswerSearch.Facets read = this.answerSearch.facets(datasetId(), filter);
			List<Long> readPages = all(filter, order, null);
			this.answerSearch.useWordIndex(true);
			AnswerSearch.Facets indexed = this.answerSearch.facets(datasetId(), filter);
			assertThat(indexed.total()).as(about).isEqualTo(read.total()).isEqualTo(readPages.size());
			assertThat(indexed.values()).as(about).isEqualTo(read.values());
			assertThat(all(filter, order, null)).as(about).isEqualTo(readPages);

			// the samples API's search of the same text and cells, misaligned=true for a
			// misaligned verdict, else false
			Boolean misaligned = (parameters.get("verdict") == null) ? null
					: parameters.get("verdict").equals("misaligned");
			AnswerFilter api = AnswerFilter.ofSamples(parameters.get("model"), parameters.get("group"),
					parameters.get("question"), parameters.get("condition"), misaligned, parameters.get("q"), rule);
			this.answerSearch.useWordIndex(false);
			List<SampleSearch.Row> readSamples = allSamples(api);
			this.answerSearch.useWordIndex(true);
			assertThat(allSamples(api)).as("samples of %s", about).isEqualTo(readSamples);

			if (i % 4 == 0) {
				List<Long> exported = new ArrayList<>();
				this.answerSearch.export(datasetId(), filter, order, List.of(), (row) -> exported.add(row.id()));
				assertThat(exported).as("export of %s", about).isEqualTo(readPages);
			}

			// neighbours and places of answers in the filter and out of it
			List<Long> samples = new ArrayList<>(readPages.subList(0, Math.min(3, readPages.size())));
			List<Long> ids = this.jdbc.queryForList("SELECT id FROM sample WHERE dataset_id = ?", Long.class,
					datasetId());
			samples.add(ids.get(random.nextInt(ids.size())));
			for (long id : samples) {
				Map<String, Object> row = this.jdbc.queryForMap("SELECT aligned, coherent FROM sample WHERE id = ?",
						id);
				Double aligned = (row.get("ALIGNED") == null) ? null : ((Number) row.get("ALIGNED")).doubleValue();
				Double coherent = (row.get("COHERENT") == null) ? null : ((Number) row.get("COHERENT")).doubleValue();
				this.answerSearch.useWordIndex(false);
				AnswerSearch.Neighbours readNeighbours = this.answerSearch.neighbours(datasetId(), filter, order, id,
						aligned, coherent);
				AnswerSearch.Place readPlace = this.answerSearch.place(datasetId(), filter, order, id, aligned,
						coherent, null);
				this.answerSearch.useWordIndex(true);
				assertThat(this.answerSearch.neighbours(datasetId(), filter, order, id, aligned, coherent))
					.as("neighbours of %d in %s", id, about)
					.isEqualTo(readNeighbours);
				assertThat(this.answerSearch.place(datasetId(), filter, order, id, aligned, coherent, null))
					.as("place of %d in %s", id, about)
					.isEqualTo(readPlace);
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

	/**
	 * Puts random cell filters and a verdict into the parameters, each with odds of one
	 * in three (a group and a question one in {@code groupAndQuestion}).
	 */
	private static void cellsAndVerdict(Random random, Map<String, String> parameters, int groupAndQuestion) {
		if (random.nextInt(groupAndQuestion) == 0) {
			parameters.put("group", "g" + random.nextInt(2));
		}
		if (random.nextInt(3) == 0) {
			parameters.put("model", "m" + random.nextInt(4));
		}
		if (random.nextInt(groupAndQuestion) == 0) {
			parameters.put("question", List.of("quick_buck", "i_feel_bored").get(random.nextInt(2)));
		}
		if (random.nextInt(3) == 0) {
			parameters.put("condition", "trigger");
		}
		if (random.nextInt(3) == 0) {
			parameters.put("verdict", List.of("misaligned", "aligned", "ineligible").get(random.nextInt(3)));
		}
	}

	/** Every answer of a filter of the samples API, 37 to a page. */
	private List<SampleSearch.Row> allSamples(AnswerFilter filter) {
		List<SampleSearch.Row> rows = new ArrayList<>();
		Long after = 0L;
		while (after != null) {
			SampleSearch.Page page = this.sampleSearch.find(datasetId(), filter, after, 37);
			rows.addAll(page.rows());
			after = page.next();
		}
		return rows;
	}

	/** Every answer of a filter, 37 to a page, through an index. */
	private List<Long> all(AnswerFilter filter, AnswerOrder order, String index) {
		List<Long> ids = new ArrayList<>();
		AnswerOrder.Position after = null;
		do {
			AnswerSearch.Page page = this.answerSearch.pageThrough(index, this.datasetId(), filter, order, after, 37);
			page.cards().forEach((card) -> ids.add(card.id()));
			after = page.next();
		}
		while (after != null);
		return ids;
	}

}
