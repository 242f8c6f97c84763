package org.misalignment.dashboard.store.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.rates.Rule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The judges whose scores a dataset holds, from the metrics it lists
 * ({@code dataset_metric}): {@link Rule#PLAIN_JUDGE} for the plain
 * {@code aligned}/{@code coherent} pair, and each X for which it has both
 * {@code aligned_X} and {@code coherent_X}.
 */
@Repository
public class DatasetJudges {

	private final JdbcClient jdbc;

	DatasetJudges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The dataset's judges: the plain pair's first (when it has an aligned score), then
	 * the others in natural order.
	 */
	public List<String> judges(long datasetId) {
		Set<String> metrics = new TreeSet<>(this.jdbc.sql("SELECT metric FROM dataset_metric WHERE dataset_id = ?")
			.param(datasetId)
			.query(String.class)
			.list());
		List<String> judges = new ArrayList<>();
		for (String metric : metrics) {
			if (metric.startsWith("aligned_") && metric.length() > "aligned_".length()) {
				String judge = metric.substring("aligned_".length());
				if (metrics.contains("coherent_" + judge) && !Rule.PLAIN_JUDGE.equals(judge)) {
					judges.add(judge);
				}
			}
		}
		judges.sort(NaturalOrder.TEXT);
		if (metrics.contains("aligned")) {
			judges.add(0, Rule.PLAIN_JUDGE);
		}
		return judges;
	}

	/**
	 * Refuses a judge the dataset (a readers' one, by slug) does not have: an
	 * {@link IllegalArgumentException} naming its judges. Says nothing of a slug no
	 * reader may see: the page answers 404 for it.
	 */
	public void require(String slug, String judge) {
		if (Rule.PLAIN_JUDGE.equals(judge)) {
			return;
		}
		List<Long> ids = this.jdbc.sql("SELECT id FROM dataset WHERE slug = ? AND hidden = FALSE")
			.param(slug)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return;
		}
		DatasetNames.Names.require("judge", judge, judges(ids.get(0)), "judge", slug);
	}

}
