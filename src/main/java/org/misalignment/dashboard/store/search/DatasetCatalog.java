package org.misalignment.dashboard.store.search;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.misalignment.dashboard.rates.QuestionOrder;
import org.misalignment.dashboard.store.search.AnswerFilter.Facet;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one request's queries know of a dataset beside its answers: its models and
 * questions by database id, which are few (tens to hundreds), so that the answer queries
 * filter and name answers by these ids and need no joins; its reviewers' current flags;
 * and for a text search, the matches of the word index (the queries then judge those in
 * memory instead of reading the answers' text).
 */
record DatasetCatalog(Map<Long, CatalogModel> models, Map<Long, CatalogQuestion> questions, boolean postgres,
		Map<Long, Set<String>> flags, WordMatches matches, boolean judged) {

	/**
	 * Whether the matches of the word index are judged in memory: they hold the plain
	 * scores, so not under {@code judge=X} (the queries then list their ids, at most
	 * {@link AnswerQuery#LISTED}).
	 */
	boolean judgesInMemory() {
		return this.matches != null && !this.judged;
	}

	/** A model as facets and cards name it. */
	record CatalogModel(String name, String group) {
	}

	/** A question as facets and cards name it. */
	record CatalogQuestion(String questionId, String category, String stem, String variant) {
	}

	/** The site's order of the dataset's questions, for the question facet. */
	QuestionOrder questionOrder() {
		return QuestionOrder.of(this.questions.values()
			.stream()
			.map((q) -> new QuestionOrder.Question(q.questionId(), q.category(), q.stem(), q.variant()))
			.toList());
	}

	/**
	 * The dataset's catalog for a filter. When the filter searches text and its words are
	 * all in the word index, it holds the answers that have them
	 * ({@link WordIndex#find}).
	 */
	static DatasetCatalog read(JdbcClient jdbc, boolean postgres, WordIndex words, long datasetId,
			AnswerFilter filter) {
		Map<Long, CatalogModel> models = new HashMap<>();
		jdbc.sql("SELECT id, name, group_name FROM model WHERE dataset_id = ?").param(datasetId).query((row) -> {
			models.put(row.getLong(1), new CatalogModel(row.getString(2), row.getString(3)));
		});
		Map<Long, CatalogQuestion> questions = new HashMap<>();
		jdbc.sql("SELECT id, question_id, category, stem, variant FROM question WHERE dataset_id = ?")
			.param(datasetId)
			.query((row) -> {
				questions.put(row.getLong(1),
						new CatalogQuestion(row.getString(2), row.getString(3), row.getString(4), row.getString(5)));
			});
		// reviewers' flags are few beside answers (a person sets each): the answers of a
		// flag filter are found by id
		Map<Long, Set<String>> flags = new HashMap<>();
		jdbc.sql("SELECT sample_id, label FROM reviewer_flag WHERE dataset_id = ? AND current_flag = TRUE")
			.param(datasetId)
			.query((row) -> {
				flags.computeIfAbsent(row.getLong(1), (id) -> new LinkedHashSet<>()).add(row.getString(2));
			});
		WordMatches matches = null;
		if (words.used() && filter.text() != null) {
			List<String> searched = TextSearch.words(filter.text());
			if (WordIndex.indexes(searched)) {
				matches = words.find(datasetId, searched);
			}
		}
		boolean judged = !filter.rule().plainJudge();
		if (judged && matches != null && matches.size() > AnswerQuery.LISTED) {
			// the word index keeps the plain scores: under judge=X the queries list a
			// search's few matches by id, and read the text for more
			matches = null;
		}
		return new DatasetCatalog(models, questions, postgres, flags, matches, judged);
	}

	/**
	 * The cell facets' values of a cell ({@code model_id, question_ref, condition_name}).
	 */
	Map<Facet, String> cellKeys(List<Object> cell) {
		CatalogModel model = this.models.get((Long) cell.get(0));
		CatalogQuestion question = this.questions.get((Long) cell.get(1));
		Map<Facet, String> keys = new EnumMap<>(Facet.class);
		keys.put(Facet.GROUP, model.group());
		keys.put(Facet.MODEL, model.name());
		keys.put(Facet.QUESTION, question.questionId());
		keys.put(Facet.CATEGORY, question.category());
		keys.put(Facet.CONDITION, (String) cell.get(2));
		return keys;
	}

	/**
	 * Whether a cell's answers pass the filter's group, model, question, category and
	 * condition.
	 */
	boolean passesCellFilters(List<Object> cell, AnswerFilter filter) {
		Map<Facet, String> keys = cellKeys(cell);
		for (Facet facet : FacetCounts.CELL_FACETS) {
			if (!filter.admits(facet, keys.get(facet))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The answers with a current flag of this label ({@code any}: of any label), in id
	 * order.
	 */
	List<Long> flagged(String label) {
		return this.flags.entrySet()
			.stream()
			.filter((flag) -> label.equals("any") || flag.getValue().contains(label))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

}
