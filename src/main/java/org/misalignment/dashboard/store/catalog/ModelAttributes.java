package org.misalignment.dashboard.store.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The attributes of a dataset's models ({@code model_attribute}): what the model page
 * lists and what the sweep page plots rates against.
 */
@Repository
public class ModelAttributes {

	private final JdbcClient jdbc;

	ModelAttributes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One attribute of one model: its value as given, and as a number when it is one. */
	public record Attribute(String model, String name, String value, Double number) {
	}

	/** A model's attributes by name, in name order. */
	public Map<String, String> of(long modelId) {
		Map<String, String> attributes = new LinkedHashMap<>();
		this.jdbc.sql("SELECT name, attribute_value FROM model_attribute WHERE model_id = ? ORDER BY name")
			.param(modelId)
			.query((row) -> {
				attributes.put(row.getString(1), row.getString(2));
			});
		return attributes;
	}

	/** Every attribute of the dataset's models named {@code name}. */
	public List<Attribute> named(long datasetId, String name) {
		return this.jdbc
			.sql("SELECT m.name, a.name, a.attribute_value, a.numeric_value FROM model_attribute a "
					+ "JOIN model m ON m.id = a.model_id WHERE m.dataset_id = ? AND a.name = ?")
			.params(datasetId, name)
			.query((row, number) -> {
				Number value = (Number) row.getObject(4);
				return new Attribute(row.getString(1), row.getString(2), row.getString(3),
						(value == null) ? null : value.doubleValue());
			})
			.list();
	}

	/** Every model's attributes by model name, then by attribute name. */
	public Map<String, Map<String, String>> byModel(long datasetId) {
		Map<String, Map<String, String>> models = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT m.name, a.name, a.attribute_value FROM model_attribute a "
					+ "JOIN model m ON m.id = a.model_id WHERE m.dataset_id = ? ORDER BY m.name, a.name")
			.param(datasetId)
			.query((row) -> {
				models.computeIfAbsent(row.getString(1), (model) -> new LinkedHashMap<>())
					.put(row.getString(2), row.getString(3));
			});
		return models;
	}

	/** The names of the attributes the dataset's models have, sorted. */
	public List<String> names(long datasetId) {
		return this.jdbc
			.sql("SELECT DISTINCT a.name FROM model_attribute a JOIN model m ON m.id = a.model_id "
					+ "WHERE m.dataset_id = ? ORDER BY a.name")
			.param(datasetId)
			.query(String.class)
			.list();
	}

}
