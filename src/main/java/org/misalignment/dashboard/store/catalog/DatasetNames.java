package org.misalignment.dashboard.store.catalog;

import java.util.Collection;
import java.util.List;

import org.misalignment.dashboard.rates.QuestionOrder;
import org.misalignment.dashboard.store.QuestionSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The names a dataset holds (groups, models, conditions, question ids, categories), to
 * refuse a filter that names something it does not: a typo in {@code group=backdor} must
 * be an error that says what exists, not an empty result that reads as a finding.
 */
@Repository
public class DatasetNames {

	/** At most this many names are listed in an error; the rest are counted. */
	static final int LISTED = 12;

	private final JdbcClient jdbc;

	DatasetNames(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One dataset's names, each list sorted. */
	public record Names(String slug, List<String> groups, List<String> models, List<String> conditions,
			List<String> questionIds, List<String> categories, List<String> variants) {

		/**
		 * Refuses a value of {@code parameter} that is not among {@code known}: an
		 * {@link IllegalArgumentException} naming the value, the dataset and what it
		 * holds.
		 */
		public static void require(String parameter, String value, Collection<String> known, String kind, String slug) {
			if (value == null || known.contains(value)) {
				return;
			}
			List<String> sorted = known.stream().sorted().toList();
			String listed = String.join(", ", sorted.subList(0, Math.min(LISTED, sorted.size())));
			if (sorted.size() > LISTED) {
				listed += " … and " + (sorted.size() - LISTED) + " more";
			}
			throw new IllegalArgumentException(parameter + ": no " + kind + " '" + value + "' in dataset " + slug
					+ ((sorted.isEmpty()) ? " (it has none)" : "; its " + kind + "s: " + listed));
		}

		public void group(String parameter, String value) {
			require(parameter, value, this.groups, "group", this.slug);
		}

		public void model(String parameter, String value) {
			require(parameter, value, this.models, "model", this.slug);
		}

		public void condition(String parameter, String value) {
			require(parameter, value, this.conditions, "condition", this.slug);
		}

		public void question(String parameter, String value) {
			require(parameter, value, this.questionIds, "question", this.slug);
		}

		public void variant(String parameter, String value) {
			require(parameter, value, this.variants, "variant", this.slug);
		}

		public void category(String parameter, String value) {
			require(parameter, value, this.categories, "category", this.slug);
		}

		/**
		 * Refuses filters (each parameter named as its value's kind; null is "any") that
		 * name what the dataset does not hold.
		 */
		public void filter(String group, String model, String question, String category, String condition) {
			group("group", blank(group));
			model("model", blank(model));
			question("question", blank(question));
			category("category", blank(category));
			condition("condition", blank(condition));
		}

		private static String blank(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

		/**
		 * Refuses a question set that names a question id or a category the dataset does
		 * not hold (the keywords {@code all}, {@code main}, {@code json},
		 * {@code template} and {@code preregistered} are always accepted).
		 */
		public void questions(String parameter, QuestionSet set) {
			set.ids().forEach((id) -> question(parameter, id));
			category(parameter, set.category());
		}

	}

	public Names of(Dataset dataset) {
		return of(dataset.getId(), dataset.getSlug());
	}

	public Names of(long id, String slug) {
		return new Names(slug, names("SELECT DISTINCT group_name FROM model WHERE dataset_id = ?", id),
				names("SELECT name FROM model WHERE dataset_id = ?", id),
				names("SELECT DISTINCT condition_name FROM sample_cell WHERE dataset_id = ?", id),
				names("SELECT question_id FROM question WHERE dataset_id = ?", id),
				names("SELECT DISTINCT category FROM question WHERE dataset_id = ? AND category IS NOT NULL", id),
				names("SELECT DISTINCT variant FROM question WHERE dataset_id = ? AND variant IS NOT NULL", id));
	}

	/**
	 * The order in which the site lists this dataset's questions (the paper's main
	 * questions first, in its order).
	 */
	public QuestionOrder questionOrder(long datasetId) {
		return QuestionOrder
			.of(this.jdbc.sql("SELECT question_id, category, stem, variant FROM question WHERE dataset_id = ?")
				.param(datasetId)
				.query((row, n) -> new QuestionOrder.Question(row.getString(1), row.getString(2), row.getString(3),
						row.getString(4)))
				.list());
	}

	private List<String> names(String sql, long datasetId) {
		return this.jdbc.sql(sql).param(datasetId).query(String.class).list().stream().sorted().toList();
	}

}
