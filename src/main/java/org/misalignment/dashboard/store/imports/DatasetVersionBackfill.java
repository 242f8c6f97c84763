package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import org.springframework.stereotype.Component;

/**
 * After Flyway has migrated, gives every dataset imported before versions existed its
 * version (V4 adds the column; the hash is computed here because H2 and PostgreSQL share
 * no SQL hash function).
 */
@Component
class DatasetVersionBackfill implements Callback {

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Connection connection = context.getConnection();
		try {
			List<Long> missing = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement("SELECT id FROM dataset WHERE version IS NULL");
					ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					missing.add(rows.getLong(1));
				}
			}
			for (long id : missing) {
				DatasetVersion.store(connection, id);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set the versions of existing datasets: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "dataset-version";
	}

}
