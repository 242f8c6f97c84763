package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * Writes a model's attributes ({@code model_attribute}) over the import's connection:
 * each one named replaces the value the model had under that name.
 */
final class ModelAttributeRows {

	private ModelAttributeRows() {
	}

	static void write(Connection connection, long modelId, Map<String, String> attributes) throws SQLException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM model_attribute WHERE model_id = ? AND name = ?");
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO model_attribute (model_id, name, attribute_value, numeric_value) VALUES (?, ?, ?, ?)")) {
			for (Map.Entry<String, String> attribute : attributes.entrySet()) {
				delete.setLong(1, modelId);
				delete.setString(2, attribute.getKey());
				delete.executeUpdate();
				insert.setLong(1, modelId);
				insert.setString(2, attribute.getKey());
				insert.setString(3, attribute.getValue());
				Double number = number(attribute.getValue());
				if (number == null) {
					insert.setNull(4, Types.DOUBLE);
				}
				else {
					insert.setDouble(4, number);
				}
				insert.executeUpdate();
			}
		}
	}

	/** The value as a finite number, or null when it is not one. */
	static Double number(String text) {
		String stripped = text.strip();
		if (!stripped.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
			return null;
		}
		double value = Double.parseDouble(stripped);
		return Double.isFinite(value) ? value : null;
	}

}
