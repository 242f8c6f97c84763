package org.misalignment.dashboard.store.catalog;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the API tells of a dataset besides its own fields: how many answers, models and
 * questions it has, and its groups, conditions and judge metrics.
 */
@Repository
public class DatasetFacts {

	private final JdbcClient jdbc;

	DatasetFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The counts and names of one dataset; the lists are sorted. */
	public record Facts(Long answers, Long models, Long questions, List<String> groups, List<String> conditions,
			List<String> metrics) {
	}

	public Facts of(long id) {
		Long answers = this.jdbc.sql("SELECT COALESCE(SUM(answers), 0) FROM sample_cell WHERE dataset_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		Long models = this.jdbc.sql("SELECT COUNT(*) FROM model WHERE dataset_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		Long questions = this.jdbc.sql("SELECT COUNT(*) FROM question WHERE dataset_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		List<String> groups = this.jdbc
			.sql("SELECT DISTINCT group_name FROM model WHERE dataset_id = ? ORDER BY group_name")
			.param(id)
			.query(String.class)
			.list();
		List<String> conditions = this.jdbc
			.sql("SELECT DISTINCT condition_name FROM sample_cell WHERE dataset_id = ? ORDER BY condition_name")
			.param(id)
			.query(String.class)
			.list();
		List<String> metrics = this.jdbc.sql("SELECT metric FROM dataset_metric WHERE dataset_id = ? ORDER BY metric")
			.param(id)
			.query(String.class)
			.list();
		return new Facts(answers, models, questions, groups, conditions, metrics);
	}

}
