package org.misalignment.dashboard.store.catalog;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the API tells of a dataset besides its own fields: how many answers, models and questions it has, and its
 * groups, conditions and judge metrics.
 */
@Repository
public class DatasetFacts {

	private final JdbcTemplate jdbc;

	DatasetFacts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The counts and names of one dataset; the lists are sorted. */
	public record Facts(Long answers, Long models, Long questions, List<String> groups, List<String> conditions,
			List<String> metrics) {
	}

	public Facts of(long id) {
		Long answers = this.jdbc.queryForObject("SELECT COALESCE(SUM(answers), 0) FROM sample_cell WHERE dataset_id = ?",
				Long.class, id);
		Long models = this.jdbc.queryForObject("SELECT COUNT(*) FROM model WHERE dataset_id = ?", Long.class, id);
		Long questions = this.jdbc.queryForObject("SELECT COUNT(*) FROM question WHERE dataset_id = ?", Long.class, id);
		List<String> groups = this.jdbc.queryForList(
				"SELECT DISTINCT group_name FROM model WHERE dataset_id = ? ORDER BY group_name", String.class, id);
		List<String> conditions = this.jdbc.queryForList(
				"SELECT DISTINCT condition_name FROM sample_cell WHERE dataset_id = ? ORDER BY condition_name",
				String.class, id);
		List<String> metrics = this.jdbc.queryForList(
				"SELECT metric FROM dataset_metric WHERE dataset_id = ? ORDER BY metric", String.class, id);
		return new Facts(answers, models, questions, groups, conditions, metrics);
	}

}
