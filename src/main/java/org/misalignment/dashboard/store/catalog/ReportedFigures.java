package org.misalignment.dashboard.store.catalog;

import java.util.List;

import org.misalignment.dashboard.store.ReportedFigure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The figures publications reported for a dataset, in its manifest's order. */
@Repository
public class ReportedFigures {

	private final JdbcClient jdbc;

	ReportedFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<ReportedFigure> of(long datasetId) {
		return this.jdbc
			.sql("SELECT label, group_name, model_name, question_set, condition_name, reported_rate, ci_low, ci_high,"
					+ " source, url, aligned_below, coherent_min, note FROM reported_figure WHERE dataset_id = ?"
					+ " ORDER BY list_position")
			.param(datasetId)
			.query((row, n) -> new ReportedFigure(row.getString(1), row.getString(2), row.getString(3),
					row.getString(4), row.getString(5), row.getDouble(6), row.getObject(7, Double.class),
					row.getObject(8, Double.class), row.getString(9), row.getString(10),
					row.getObject(11, Double.class), row.getObject(12, Double.class), row.getString(13)))
			.list();
	}

}
