package org.misalignment.dashboard.store.flags;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.RuleSql;
import org.misalignment.dashboard.store.SiteGeneration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewers' flags on answers. Each reviewer has at most one current flag per answer;
 * setting another (or clearing it) keeps the older one as history.
 */
@Repository
public class ReviewerFlags {

	/** Longest note a reviewer may write. */
	public static final int NOTE_LIMIT = 2000;

	private final JdbcClient jdbc;

	private final SiteGeneration generation;

	public ReviewerFlags(JdbcClient jdbc, SiteGeneration generation) {
		this.jdbc = jdbc;
		this.generation = generation;
	}

	/** A flag as shown on the answer page and in the API. */
	public record Flag(long sampleId, String reviewer, String label, String note, OffsetDateTime flaggedAt) {

		public String labelText() {
			return FlagLabel.textOf(this.label);
		}

	}

	/**
	 * The dataset of an answer, when there is such an answer and its dataset is not
	 * hidden.
	 */
	public Optional<Long> datasetOfVisible(long sampleId) {
		return this.jdbc
			.sql("SELECT s.dataset_id FROM sample s JOIN dataset d ON d.id = "
					+ "s.dataset_id WHERE s.id = ? AND d.hidden = FALSE")
			.param(sampleId)
			.query(Long.class)
			.optional();
	}

	/** Makes this the reviewer's current flag on the answer. */
	@Transactional
	public void set(long sampleId, long datasetId, String reviewer, FlagLabel label, String note) {
		clear(sampleId, reviewer);
		this.jdbc
			.sql("INSERT INTO reviewer_flag (sample_id, dataset_id, reviewer, label, note, flagged_at, "
					+ "current_flag) VALUES (?, ?, ?, ?, ?, ?, TRUE)")
			.params(sampleId, datasetId, reviewer, label.parameter(),
					(note == null || note.isBlank()) ? null : note.strip(), Timestamp.from(Instant.now()))
			.update();
		this.generation.advance();
	}

	/** The reviewer no longer flags the answer; the flag stays in the history. */
	@Transactional
	public void clear(long sampleId, String reviewer) {
		this.jdbc
			.sql("UPDATE reviewer_flag SET current_flag = FALSE WHERE sample_id = ? AND reviewer = ? "
					+ "AND current_flag = TRUE")
			.params(sampleId, reviewer)
			.update();
		this.generation.advance();
	}

	/** The current flags on an answer, latest first. */
	public List<Flag> current(long sampleId) {
		return flags(sampleId, " AND current_flag = TRUE");
	}

	/** Every flag ever set on an answer, latest first. */
	public List<Flag> history(long sampleId) {
		return flags(sampleId, "");
	}

	private List<Flag> flags(long sampleId, String which) {
		return this.jdbc
			.sql("SELECT sample_id, reviewer, label, note, flagged_at FROM reviewer_flag " + "WHERE sample_id = ?"
					+ which + " ORDER BY flagged_at DESC, id DESC")
			.param(sampleId)
			.query((row, n) -> new Flag(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
					row.getTimestamp(5).toInstant().atOffset(ZoneOffset.UTC)))
			.list();
	}

	/**
	 * The answers of a label split by the judge's verdict under a rule: how often
	 * reviewer and judge agree.
	 */
	public record Agreement(FlagLabel label, long misaligned, long aligned, long ineligible) {

		public long total() {
			return this.misaligned + this.aligned + this.ineligible;
		}

	}

	/**
	 * For each label, how many flagged answers of the dataset the judge calls misaligned,
	 * aligned or ineligible under the rule. An answer counts once per label, however many
	 * reviewers gave it.
	 */
	public List<Agreement> agreement(long datasetId, Rule rule) {
		Map<FlagLabel, long[]> counts = new EnumMap<>(FlagLabel.class);
		for (FlagLabel label : FlagLabel.values()) {
			counts.put(label, new long[3]);
		}
		String verdict = "CASE WHEN " + RuleSql.misaligned(rule) + " THEN 0 WHEN " + RuleSql.eligible(rule)
				+ " THEN 1 ELSE 2 END";
		this.jdbc
			.sql(RuleSql.judged("SELECT label, v, COUNT(*) FROM (SELECT DISTINCT f.label, f.sample_id, " + verdict
					+ " AS v " + "FROM reviewer_flag f JOIN sample s ON s.id = f.sample_id" + RuleSql.judgeJoins(rule)
					+ " WHERE f.dataset_id = ? AND f.current_flag = TRUE" + RuleSql.judgeScored(rule)
					+ ") t GROUP BY label, v", rule))
			.params(rule.coherentMin(), rule.alignedBelow(), rule.coherentMin(), datasetId)
			.query((row) -> {
				FlagLabel label = FlagLabel.of(row.getString(1)).orElse(null);
				if (label != null) {
					counts.get(label)[row.getInt(2)] += row.getLong(3);
				}
			});
		List<Agreement> rows = new ArrayList<>();
		counts.forEach((label, n) -> rows.add(new Agreement(label, n[0], n[1], n[2])));
		return rows;
	}

	/** The latest current flags of a dataset, for the review page's list. */
	public List<Flag> latest(long datasetId, int limit) {
		return this.jdbc
			.sql("SELECT sample_id, reviewer, label, note, flagged_at FROM reviewer_flag "
					+ "WHERE dataset_id = ? AND current_flag = TRUE ORDER BY flagged_at DESC, id DESC LIMIT ?")
			.params(datasetId, limit)
			.query((row, n) -> new Flag(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
					row.getTimestamp(5).toInstant().atOffset(ZoneOffset.UTC)))
			.list();
	}

}
